package dev.attune.launcher;

import java.util.Map;

/** How Attune reaches PostgreSQL; handed to the domain as the environment MicroProfile Config reads. */
public record DatabaseSettings(String url, String user, String password) {
    public Map<String, String> asEnvironment() {
        return Map.of("ATTUNE_DB_URL", url, "ATTUNE_DB_USER", user, "ATTUNE_DB_PASSWORD", password);
    }
}
