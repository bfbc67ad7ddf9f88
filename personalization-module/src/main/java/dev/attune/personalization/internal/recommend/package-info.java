/**
 * Recommendation strategies and their offline evaluation, in plain Java (no CDI: the serving layer wraps them).
 *
 * <p>{@link dev.attune.personalization.internal.recommend.Interactions} holds who interacted with what (compressed
 * sparse rows over dense int ids); a {@link dev.attune.personalization.internal.recommend.Recommender} fits an
 * immutable {@link dev.attune.personalization.internal.recommend.Model} on it, and the model scores every item from a
 * person's history vector alone, so a history that just changed is re-scored without refitting.
 * {@link dev.attune.personalization.internal.recommend.Evaluator} measures models under RecBole's full-ranking
 * protocol and {@link dev.attune.personalization.internal.recommend.GridSearch} tunes them on the validation part.
 */
package dev.attune.personalization.internal.recommend;
