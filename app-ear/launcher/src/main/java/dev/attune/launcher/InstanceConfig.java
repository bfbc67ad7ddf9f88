package dev.attune.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything needed to bring up one Attune: where Payara and the EAR are, where data lives, which ports, and
 * either an external PostgreSQL or the port of the embedded one. Without an EAR the domain starts empty (tests
 * deploy through Arquillian).
 */
public record InstanceConfig(
        Path payaraHome,
        Optional<Path> ear,
        Path dataDir,
        int portBase,
        int embeddedDbPort,
        Optional<DatabaseSettings> externalDatabase,
        Optional<String> adminPassword,
        Map<String, String> extraEnvironment) {

    public Path secretsDir() {
        return dataDir.resolve("secrets");
    }
}
