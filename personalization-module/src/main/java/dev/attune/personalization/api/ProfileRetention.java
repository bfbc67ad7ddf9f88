package dev.attune.personalization.api;

import java.util.Map;
import java.util.UUID;

/**
 * How long a site keeps the profiles of visitors it no longer sees (with their enrichments, segment memberships and
 * ratings). Enforced every night and on demand; each run is an audited report.
 */
public interface ProfileRetention {

    int profileDays(UUID siteId);

    /** 1 to 3,650 days; audited with before and after. */
    void setProfileDays(UUID siteId, int days);

    /** Applies every site's policy now: profiles deleted per site. */
    Map<UUID, Long> enforce(String trigger);
}
