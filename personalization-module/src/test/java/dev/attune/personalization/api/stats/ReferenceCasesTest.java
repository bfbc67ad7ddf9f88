package dev.attune.personalization.api.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of ../shared/data/abtest/ab_reference_cases.json (GrowthBook and Spotify fixtures) replayed; a copy with
 * its provenance and licences is kept in the test resources for machines without the evaluation data beside the repo.
 */
class ReferenceCasesTest {
    static final Path SHARED = Path.of("../../shared/data/abtest/ab_reference_cases.json");
    static final Path BUNDLED = Path.of("src/test/resources/abtest/ab_reference_cases.json");

    @TestFactory
    Stream<DynamicTest> every_reference_case_matches() throws Exception {
        Path cases = Files.isRegularFile(SHARED) ? SHARED : BUNDLED;
        Assumptions.assumeTrue(Files.isRegularFile(cases), "no reference cases at " + cases.toAbsolutePath());
        List<ReferenceCases.Outcome> outcomes = ReferenceCases.run(cases);
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(17);
        return outcomes.stream()
                .map(o -> DynamicTest.dynamicTest(
                        o.id() + " (" + o.method() + ")",
                        () -> assertThat(o.passed()).as(o.detail()).isTrue()));
    }
}
