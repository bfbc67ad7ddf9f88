package dev.attune.personalization.internal.application;

import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.ConsentState;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.Purpose;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** Consent for a batch of announced events, read with one call per site instead of one per event. */
public final class BatchConsent {
    private BatchConsent() {}

    /** Whether an event of the batch has a subject that allows the purpose (as {@link ConsentService#current} says now). */
    public static Predicate<FeedbackReceived> allowing(
            ConsentService consent, List<FeedbackReceived> events, Purpose purpose) {
        Map<UUID, Set<String>> subjects = new HashMap<>();
        for (FeedbackReceived event : events) {
            if (event.subjectId() != null) {
                subjects.computeIfAbsent(event.siteId(), k -> new HashSet<>()).add(event.subjectId());
            }
        }
        Map<UUID, Map<String, ConsentState>> states = new HashMap<>();
        subjects.forEach((site, ids) -> states.put(site, consent.current(site, ids)));
        return event -> {
            if (event.subjectId() == null) {
                return false;
            }
            ConsentState state = states.getOrDefault(event.siteId(), Map.of()).get(event.subjectId());
            return state != null && state.allows(purpose);
        };
    }
}
