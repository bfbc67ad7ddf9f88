/**
 * The feedback module's published API: sites and their keys, submitting and querying feedback events, and the
 * events other modules observe once the events are stored: each outbox batch as one
 * {@link dev.attune.feedback.api.FeedbackBatchReceived}, then each event as
 * {@link dev.attune.feedback.api.FeedbackReceived}, inside the transaction that settles the batch (exactly once).
 */
package dev.attune.feedback.api;
