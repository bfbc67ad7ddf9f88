package dev.attune.identity.api;

import dev.attune.platform.api.PersonalData;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Privacy rights of a person: export of everything every module holds about them, and erasure that cascades through
 * every module. Requests are queued, processed within the configured deadline, audited, and answered with a receipt.
 */
public interface PrivacyService {

    PrivacyRequest requestExport(UUID siteId, UUID personId);

    PrivacyRequest requestErasure(UUID siteId, UUID personId);

    /** Processes a queued request now (the queue does it anyway before its deadline); answers it afterwards. */
    PrivacyRequest process(UUID requestId);

    Optional<PrivacyRequest> find(UUID requestId);

    /** The export document (JSON), once the export is done. */
    Optional<String> document(UUID requestId);

    List<PrivacyRequest> list(UUID siteId, int limit);

    /** The data inventory: every kind of personal data every module stores, where, why and how long. */
    List<PersonalData.InventoryItem> inventory();
}
