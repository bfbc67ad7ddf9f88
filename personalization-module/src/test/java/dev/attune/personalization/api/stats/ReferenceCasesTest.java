package dev.attune.personalization.api.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case of ../shared/data/abtest/ab_reference_cases.json (GrowthBook and Spotify fixtures) replayed. */
class ReferenceCasesTest {
    static final Path CASES = Path.of("../../shared/data/abtest/ab_reference_cases.json");

    @TestFactory
    Stream<DynamicTest> every_reference_case_matches() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(CASES), "the evaluation data beside the repository: " + CASES.toAbsolutePath());
        List<ReferenceCases.Outcome> outcomes = ReferenceCases.run(CASES);
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(17);
        return outcomes.stream().map(o -> DynamicTest.dynamicTest(o.id() + " (" + o.method() + ")",
                () -> assertThat(o.passed()).as(o.detail()).isTrue()));
    }
}
