package dev.attune.identity.internal.application;

import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.VisitorIdentified;
import dev.attune.identity.api.IdentityService;
import dev.attune.platform.api.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The widget's {@code attune.identify} (published by the feedback module only with analytics consent). With a valid
 * {@code userHash} it links the visitor's anonymous id to the user id and identifying traits, as a server's identify
 * does. Without one it is refused where the site requires verification, and elsewhere recorded only as an unverified
 * claim ({@link UserClaims}). Synchronous: the widget's answer follows the commit, and a refusal or a malformed trait
 * comes back to the widget as a field error.
 */
@ApplicationScoped
public class WidgetIdentities {
    @Inject
    IdentityService identity;

    @Inject
    UserClaims claims;

    @Inject
    UserVerification verification;

    @Inject
    SiteService sites;

    void onIdentified(@Observes VisitorIdentified v) {
        if (verification.valid(v.siteId(), v.userId(), v.userHash())) {
            identity.identify(v.siteId(), v.subjectId(), v.userId(), v.traits(), "widget");
            v.markVerified();
            return;
        }
        boolean required =
                sites.findSite(v.siteId()).map(s -> s.identityVerification()).orElse(true);
        if (required) {
            throw InvalidInputException.of(
                    "userHash",
                    v.userHash() == null
                            ? "is required: this site verifies identify calls (the hex HMAC-SHA256 of the user id "
                                    + "under the site's verification secret, computed by the site's server)"
                            : "does not match the user id under the site's verification secret");
        }
        claims.claim(v.siteId(), v.subjectId(), v.userId(), "widget");
    }
}
