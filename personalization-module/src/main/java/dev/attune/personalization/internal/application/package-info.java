/**
 * The feedback pipeline ({@link dev.attune.personalization.internal.application.FeedbackPipeline}): every stage that
 * derives state from stored events, in written order, in the feedback relay's transaction; and reactions to other
 * modules' events (consent withdrawals).
 */
package dev.attune.personalization.internal.application;
