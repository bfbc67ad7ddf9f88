package dev.attune.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every MicroProfile Config key the code reads is in the configuration table (docs/configuration.md), with its variable. */
class ConfigurationDocumentedTest {
    private static final Pattern CONFIG_KEY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern MPCONFIG_KEY = Pattern.compile("\\$\\{MPCONFIG=([^}]+)}");
    private static final List<Path> SOURCES = List.of(
            Path.of("../../feedback-module/src/main/java"),
            Path.of("../../identity-module/src/main/java"),
            Path.of("../../personalization-module/src/main/java"),
            Path.of("../platform/src/main/java"),
            Path.of("../../admin-ui/src/main/java"),
            Path.of("src/main/java"));

    @Test
    void every_config_key_is_documented_with_its_environment_variable() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(f);
                    for (Pattern p : List.of(CONFIG_KEY, MPCONFIG_KEY)) {
                        Matcher m = p.matcher(source);
                        while (m.find()) {
                            keys.add(m.group(1));
                        }
                    }
                }
            }
        }
        String readme = Files.readString(Path.of("../../docs/configuration.md"));

        assertThat(keys).isNotEmpty();
        for (String key : keys) {
            String variable = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
            assertThat(readme)
                    .as("docs/configuration.md documents %s", key)
                    .contains("| `" + key + "` | `" + variable + "` |");
        }
    }
}
