package dev.attune.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modular monolith's boundaries, checked on the compiled classes of every module in the WAR: a module reaches
 * another only through its {@code api} package, and reads and writes only its own schema.
 */
class ModuleBoundariesTest {
    private static final List<String> MODULES =
            List.of("feedback", "identity", "personalization", "platform", "admin", "web");
    /** Schema owned by each module's sources (the console and web module own none). */
    private static final Map<String, Path> SOURCES = Map.of(
            "feedback", Path.of("../../feedback-module/src/main/java"),
            "identity", Path.of("../../identity-module/src/main/java"),
            "personalization", Path.of("../../personalization-module/src/main/java"),
            "platform", Path.of("../platform/src/main/java"),
            "admin", Path.of("../../admin-ui/src/main/java"),
            "web", Path.of("src/main/java"));
    /** A schema-qualified table where SQL names tables: after FROM, JOIN, INTO, UPDATE, TABLE or REFERENCES. */
    private static final Pattern TABLE_REFERENCE = Pattern.compile(
            "(?i)\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\\s+(feedback|identity|personalization|platform)\\.([a-z_]+)\\b");

    private static JavaClasses classes;

    @BeforeAll
    static void importAll() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.attune");
    }

    @Test
    void every_module_is_on_the_class_path() {
        for (String module : MODULES) {
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith("dev.attune." + module)))
                    .as("classes of module %s", module)
                    .isTrue();
        }
    }

    @Test
    void no_module_depends_on_another_modules_internal_packages() {
        for (String module : MODULES) {
            ArchRule rule = noClasses()
                    .that()
                    .resideOutsideOfPackage("dev.attune." + module + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("dev.attune." + module + ".internal..")
                    .as("only " + module + " itself may use dev.attune." + module + ".internal");
            rule.check(classes);
        }
    }

    @Test
    void the_console_uses_modules_only_through_their_api() {
        noClasses()
                .that()
                .resideInAPackage("dev.attune.admin..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.attune.feedback.internal..", "dev.attune.identity.internal..",
                        "dev.attune.personalization.internal..", "dev.attune.platform.internal..")
                .check(classes);
    }

    @Test
    void server_code_uses_the_cached_json_provider() {
        // jakarta.json.Json's factory methods look the provider up on every call (half the CPU of batched ingest)
        noClasses()
                .that()
                .resideInAnyPackage(
                        MODULES.stream().map(m -> "dev.attune." + m + "..").toArray(String[]::new))
                .should()
                .callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(DescribedPredicate.describe(
                        "jakarta.json.Json", o -> o.getName().equals("jakarta.json.Json")))))
                .because("JsonSupport.JSON is the provider looked up once")
                .check(classes);
    }

    @Test
    void published_apis_do_not_leak_internal_types() {
        noClasses()
                .that()
                .resideInAPackage("dev.attune.*.api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.attune.*.internal..")
                .check(classes);
    }

    @Test
    void each_module_queries_only_its_own_schema() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Path> module : SOURCES.entrySet()) {
            try (Stream<Path> files = Files.walk(module.getValue())) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    violations.addAll(foreignTables(module.getKey(), file));
                }
            }
        }
        assertThat(violations).as("SQL touching another module's tables").isEmpty();
    }

    static List<String> foreignTables(String module, Path file) throws IOException {
        List<String> found = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            for (String table : foreignTables(module, lines.get(i))) {
                found.add(file.getFileName() + ":" + (i + 1) + " uses " + table);
            }
        }
        return found;
    }

    static List<String> foreignTables(String module, String line) {
        List<String> found = new ArrayList<>();
        Matcher m = TABLE_REFERENCE.matcher(line);
        while (m.find()) {
            if (!m.group(1).equals(module)) {
                found.add(m.group(1) + "." + m.group(2));
            }
        }
        return found;
    }

    @Test
    void the_schema_check_sees_sql_and_only_sql() {
        assertThat(foreignTables("personalization", "SELECT count(*) FROM feedback.event e JOIN identity.person p"))
                .containsExactly("feedback.event", "identity.person");
        assertThat(foreignTables("personalization", "    INSERT INTO platform.audit_entry (actor) VALUES (?)"))
                .containsExactly("platform.audit_entry");
        assertThat(foreignTables("personalization", "delete from feedback.outbox where id = ?"))
                .containsExactly("feedback.outbox");
        assertThat(foreignTables("personalization", "UPDATE personalization.item_rating_stats SET ratings = 0"))
                .isEmpty();
        assertThat(foreignTables("admin", "new StreamResource(\"feedback.csv\", this::writeCsv)"))
                .isEmpty();
        assertThat(foreignTables("admin", "audit.record(\"feedback.export\", target)"))
                .isEmpty();
    }
}
