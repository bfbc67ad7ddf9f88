package dev.attune.feedback.api;

import java.util.List;
import java.util.UUID;

/** A new site's keys, in clear exactly once: only their hashes are stored. */
public record SiteKeys(UUID siteId, String name, List<String> allowedOrigins, String publicKey, String secretKey) {}
