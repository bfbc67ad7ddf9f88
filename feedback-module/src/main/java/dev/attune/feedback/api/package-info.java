/**
 * The feedback module's published API: sites and their keys, submitting and querying feedback events, and the
 * {@link dev.attune.feedback.api.FeedbackReceived} event other modules observe after commit (each outbox batch of them
 * first as one {@link dev.attune.feedback.api.FeedbackBatchReceived}, for observers that work in bulk).
 */
package dev.attune.feedback.api;
