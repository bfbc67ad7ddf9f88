package dev.attune.identity.api;

import java.util.Set;
import java.util.UUID;

/**
 * A wrong link was removed and a person fell apart (after the commit): {@code person} keeps {@code keptSubjects}, the
 * new (or restored) person {@code split} has {@code splitSubjects}.
 */
public record PersonSplit(UUID siteId, UUID person, UUID split, Set<String> keptSubjects, Set<String> splitSubjects) {}
