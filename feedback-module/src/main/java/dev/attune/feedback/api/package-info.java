/**
 * The feedback module's published API: sites and their keys, submitting and querying feedback events, and the
 * {@link dev.attune.feedback.api.FeedbackReceived} event other modules observe after commit.
 */
package dev.attune.feedback.api;
