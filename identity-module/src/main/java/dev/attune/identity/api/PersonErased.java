package dev.attune.identity.api;

import java.util.Set;
import java.util.UUID;

/** A person was erased (after every module deleted what it held): caches and derived models drop them too. */
public record PersonErased(UUID siteId, UUID personId, Set<String> subjects, UUID requestId) {}
