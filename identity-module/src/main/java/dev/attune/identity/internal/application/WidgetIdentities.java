package dev.attune.identity.internal.application;

import dev.attune.feedback.api.VisitorIdentified;
import dev.attune.identity.api.IdentityService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The widget's {@code attune.identify} (published by the feedback module only with analytics consent) links the visitor's
 * anonymous id to the user id and identifying traits. Synchronous: the widget's "identified" answer follows the commit,
 * and a malformed trait (an email that is not one) comes back to the widget as a field error.
 */
@ApplicationScoped
public class WidgetIdentities {
    @Inject
    IdentityService identity;

    void onIdentified(@Observes VisitorIdentified v) {
        identity.identify(v.siteId(), v.subjectId(), v.userId(), v.traits(), "widget");
    }
}
