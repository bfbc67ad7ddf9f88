package dev.attune.identity.api;

import java.io.Reader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Probabilistic record linkage of imported contacts (a CRM export as CSV): each contact becomes an identifier (kind
 * custom, {@code <source>:<id>}) linked to its email, phone and user id; pairs of contacts are scored with a
 * Fellegi-Sunter model whose parameters are estimated by EM on the import itself (no labels); likely matches are linked
 * at once (confidence = match probability), the uncertain band waits in a review queue.
 */
public interface LinkageService {

    /**
     * CSV with a header: {@code id} (required, unique) and any of {@code user_id, email, phone, given_name, surname,
     * date_of_birth, street, postcode, city, state}. Refused as a whole (400, rows named) when a row is malformed. A pair is
     * linked from a match probability of {@code matchThreshold} (default 0.95) and reviewed from {@code reviewThreshold}
     * (default 0.5); null for the defaults.
     */
    ImportSummary importContacts(
            UUID siteId, String source, String fileName, Reader csv, Double matchThreshold, Double reviewThreshold);

    List<ImportSummary> imports(UUID siteId, int limit);

    /** What an import resolved to: each contact's id in the file → the person it belongs to now (audited by callers). */
    Map<String, UUID> persons(UUID siteId, UUID importId);

    /** Review items of a site: {@code open}, {@code accepted}, {@code rejected} or null for all; most probable first. */
    List<ReviewItem> reviews(UUID siteId, String status, int limit);

    /** A reviewer's decision: the same person (the contacts are linked) or not. Audited. */
    ReviewItem decide(UUID siteId, long reviewId, boolean samePerson);

    record ImportSummary(
            UUID id,
            UUID siteId,
            String source,
            String fileName,
            int records,
            int candidates,
            int matches,
            int review,
            int merged,
            Double lambda,
            Integer iterations,
            double seconds,
            String createdBy,
            Instant createdAt) {}

    /** Both contacts' fields in clear (reading them is audited), the match probability and the per-field reasons. */
    record ReviewItem(
            long id,
            UUID importId,
            double probability,
            double weight,
            List<String> explanation,
            Map<String, String> a,
            Map<String, String> b,
            UUID personA,
            UUID personB,
            String status,
            String decidedBy,
            Instant decidedAt) {}
}
