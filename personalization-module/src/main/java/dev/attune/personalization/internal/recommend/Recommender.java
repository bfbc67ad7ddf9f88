package dev.attune.personalization.internal.recommend;

/**
 * One recommendation strategy with its hyper-parameters: {@link #fit} learns an immutable {@link Model} from training
 * interactions. Strategies hold no state between fits, so one instance can fit many times (e.g. once per night).
 */
public interface Recommender {
    /** Short stable name, e.g. {@code ease}. */
    String name();

    /** The hyper-parameters, a small record (its toString is what reports print). */
    Record params();

    Model fit(Interactions train);
}
