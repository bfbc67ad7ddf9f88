package dev.attune.identity.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A person with their identifiers (nodes), live edges, and the history of merges and unmerges that shaped them. */
public record PersonGraph(Person person, List<Identifier> identifiers, List<Edge> edges, List<HistoryEntry> history) {

    public record HistoryEntry(
            long id,
            String action,
            UUID personId,
            UUID otherPerson,
            Long edgeId,
            String actor,
            String detail,
            Instant at) {}
}
