package dev.attune.bench.fuzz;

/**
 * The server under test and what a caller of each kind holds: the admin's Basic credentials, a site with its keys and
 * an origin its browsers may send from. Requests use these, mangled or not.
 */
public record FuzzTarget(
        String baseUrl,
        String adminUser,
        String adminPassword,
        String siteId,
        String secretKey,
        String publicKey,
        String origin) {}
