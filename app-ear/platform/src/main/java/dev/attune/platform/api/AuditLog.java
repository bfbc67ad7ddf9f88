package dev.attune.platform.api;

import java.util.Map;

/**
 * The one append-only, hash-chained audit log. Joins the caller's transaction, so an audited change and its
 * entry commit or roll back together; outside a transaction it commits on its own.
 */
public interface AuditLog {

    /** Records an action by the current caller (console user, API key or "system"), with the request's address. */
    void record(String action, String target, AuditOutcome outcome, Map<String, ?> detail);

    /** Records an action on behalf of an explicitly named actor, e.g. a user name that failed to log in. */
    void recordAs(String actor, String action, String target, AuditOutcome outcome, Map<String, ?> detail);

    /** Recomputes the chain; the first entry whose hash does not match, if any. */
    ChainVerification verifyChain();

    enum AuditOutcome {
        SUCCESS,
        FAILURE,
        DENIED
    }

    record ChainVerification(long entriesChecked, Long firstBrokenEntryId) {
        public boolean intact() {
            return firstBrokenEntryId == null;
        }
    }
}
