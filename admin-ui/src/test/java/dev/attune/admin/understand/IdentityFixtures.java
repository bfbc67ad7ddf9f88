package dev.attune.admin.understand;

import dev.attune.identity.api.Edge;
import dev.attune.identity.api.Identifier;
import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.Person;
import dev.attune.identity.api.PersonGraph;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Persons and graphs for the identity tests. */
final class IdentityFixtures {
    static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    static final UUID SITE = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final UUID ANN = UUID.fromString("3f2c9a10-5d7e-4b1a-9c3e-0d8f6a2b4c11");
    static final UUID BOB = UUID.fromString("7b1d0c22-1111-4b1a-9c3e-0d8f6a2b4c11");

    private IdentityFixtures() {}

    static Person person(UUID id, int identifiers, String... subjects) {
        return new Person(id, SITE, identifiers, false, T, T, List.of(subjects));
    }

    /** Ann: an anonymous id linked to her user id (certain) and to an email (less sure); once merged with Bob. */
    static PersonGraph annsGraph() {
        Identifier anon = new Identifier(1, IdentifierKind.ANONYMOUS, "anon-1", "anon-1", T, T);
        Identifier user = new Identifier(2, IdentifierKind.USER, "u-42", "u-42", T, T);
        Identifier email = new Identifier(3, IdentifierKind.EMAIL, null, "a***@example.com", T, T);
        Edge certain = new Edge(10, 1, 2, "widget", 1.0, "system", T, null, null);
        Edge unsure = new Edge(11, 2, 3, "linkage", 0.9, "alice", T, null, null);
        PersonGraph.HistoryEntry merged = new PersonGraph.HistoryEntry(5, "merge", ANN, BOB, 11L, "alice", null, T);
        return new PersonGraph(
                person(ANN, 3, "anon-1", "u-42"),
                List.of(anon, user, email),
                List.of(certain, unsure),
                List.of(merged));
    }
}
