package dev.attune.identity.api;

import java.util.Set;
import java.util.UUID;

/**
 * Two persons became one (after the commit): {@code absorbed} no longer exists; its subjects now belong to
 * {@code survivor}. {@code survivorKey} is the survivor's key subject before the merge (null when it had no anonymous
 * subject); the merged person's key is the older of it and the absorbed subjects' first. Modules that keep per-person
 * state re-attribute it. Only the smaller side's subjects travel, so a merge into a huge person stays cheap.
 */
public record PersonsMerged(
        UUID siteId, UUID survivor, UUID absorbed, String survivorKey, Set<String> absorbedSubjects) {}
