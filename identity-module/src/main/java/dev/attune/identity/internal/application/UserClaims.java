package dev.attune.identity.internal.application;

import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.Person;
import dev.attune.identity.internal.domain.Identifiers;
import dev.attune.identity.internal.persistence.JdbcGraph;
import dev.attune.identity.internal.persistence.JdbcGraph.Node;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A browser's identify that the site did not verify: the user id becomes a {@link IdentifierKind#CLAIMED_USER}
 * identifier of the subject's person. Claims of the same id join each other's persons, but never a person holding a
 * verified user id, in either direction: such a claim is refused as an {@code unverified_claim} conflict, so a stranger
 * who knows someone's user id cannot pull that person's profile, recommendations or messages onto their own socket.
 * Identifying traits (email, phone) of a claim are not linked, for the same reason.
 */
@ApplicationScoped
public class UserClaims {
    @Inject
    DefaultIdentityService identities;

    @Inject
    JdbcGraph graph;

    @Inject
    IdentityKeys keys;

    @Inject
    AuditLog audit;

    @Transactional
    public Person claim(UUID siteId, String subject, String userId, String source) {
        String anon;
        String user;
        try {
            anon = Identifiers.normalise(IdentifierKind.ANONYMOUS, subject);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("subjectId", e.getMessage());
        }
        try {
            user = Identifiers.normalise(IdentifierKind.CLAIMED_USER, userId);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("userId", e.getMessage());
        }
        graph.lockSite(siteId);
        Node anonymous = identities.ensure(siteId, IdentifierKind.ANONYMOUS, anon);
        Optional<Node> existing = graph.node(
                siteId, IdentifierKind.CLAIMED_USER, keys.keys().hash(siteId, IdentifierKind.CLAIMED_USER, user));
        if (existing.isPresent()
                && !existing.get().personId().equals(anonymous.personId())
                && (verified(anonymous.personId()) || verified(existing.get().personId()))) {
            String detail = "an unverified identify claimed user id "
                    + existing.get().identifier().hint()
                    + " held by another person, one of them with a verified user id; not merged";
            graph.conflict(
                    siteId,
                    "unverified_claim",
                    anonymous.personId(),
                    existing.get().personId(),
                    source,
                    detail);
            audit.record(
                    "identity.claim",
                    anonymous.personId().toString(),
                    AuditOutcome.DENIED,
                    Map.of("other", existing.get().personId().toString(), "source", source));
        } else {
            identities.connect(siteId, anonymous, IdentifierKind.CLAIMED_USER, user, source);
        }
        return graph.person(graph.node(anonymous.id()).orElseThrow().personId()).orElseThrow();
    }

    private boolean verified(UUID personId) {
        return !graph.userHashes(personId).isEmpty();
    }
}
