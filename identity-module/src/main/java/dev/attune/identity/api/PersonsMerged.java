package dev.attune.identity.api;

import java.util.Set;
import java.util.UUID;

/**
 * Two persons became one (after the commit): {@code absorbed} no longer exists; its subjects now belong to
 * {@code survivor}. Modules that keep per-person state re-attribute it.
 */
public record PersonsMerged(UUID siteId, UUID survivor, UUID absorbed, Set<String> survivorSubjects, Set<String> absorbedSubjects) {
}
