package dev.attune.identity.internal.linkage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.attune.identity.internal.linkage.BlockingKey.Part;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockingTest {
    private static final List<Comparison> COMPARISONS = List.of(Comparison.exact("surname"));

    private static LinkRecord person(String id, String given, String surname, String postcode, String dob) {
        Map<String, String> fields = new HashMap<>();
        fields.put("given_name", given);
        fields.put("surname", surname);
        fields.put("postcode", postcode);
        fields.put("date_of_birth", dob);
        return new LinkRecord(id, fields);
    }

    private static Set<String> pairs(List<LinkRecord> records, int maxBlockSize, BlockingKey... keys) {
        CandidatePairs pairs =
                Linker.compare(records, new LinkageConfig(COMPARISONS, List.of(keys), 0.95, 0.5, maxBlockSize));
        Set<String> ids = new HashSet<>();
        for (int p = 0; p < pairs.size(); p++) {
            ids.add(pairs.left(p).id() + "-" + pairs.right(p).id());
        }
        assertEquals(pairs.size(), ids.size(), "a pair found by several keys is one candidate");
        return ids;
    }

    private final List<LinkRecord> records = List.of(
            person("a", "john", "smith", "2000", "19800101"),
            person("b", "jon", "smyth", "2000", "19800101"),
            person("c", "john", "smith", "3000", null),
            person("d", "smith", "john", "2000", "19800101"),
            person("e", "mary", null, "2000", "19911231"));

    @Test
    void key_parts_transform_the_fields_and_a_missing_part_means_no_key() {
        LinkRecord a = records.get(0);
        assertEquals(
                "2000|1980",
                BlockingKey.of("k", Part.value("postcode"), Part.year("date_of_birth"))
                        .of(a));
        assertEquals("sm", BlockingKey.of("k", Part.prefix("surname", 2)).of(a));
        assertEquals(
                BlockingKey.of("k", Part.metaphone("surname")).of(a),
                BlockingKey.of("k", Part.metaphone("surname")).of(records.get(1)));
        assertEquals(
                "61212345678",
                BlockingKey.of("k", Part.digits("phone")).of(new LinkRecord("p", Map.of("phone", "+61 2 1234 5678"))));
        assertNull(BlockingKey.of("k", Part.value("surname"), Part.value("postcode"))
                .of(records.get(4)));
        assertNull(BlockingKey.of("k", Part.year("date_of_birth")).of(records.get(2)));
    }

    @Test
    void sounds_alike_keys_pair_spelling_variants() {
        assertEquals(
                Set.of("a-b", "a-d", "b-d", "a-c"),
                pairs(
                        records,
                        100,
                        BlockingKey.of("surname_sound+postcode", Part.metaphone("surname"), Part.value("postcode")),
                        BlockingKey.of("given+surname", Part.value("given_name"), Part.value("surname")),
                        BlockingKey.of("dob", Part.value("date_of_birth"))));
    }

    @Test
    void an_unordered_key_pairs_swapped_names_and_an_ordered_one_does_not() {
        assertEquals(
                Set.of("a-c"),
                pairs(records, 100, BlockingKey.of("names", Part.value("given_name"), Part.value("surname"))));
        assertEquals(
                Set.of("a-c", "a-d", "c-d"),
                pairs(records, 100, BlockingKey.unordered("names", Part.value("given_name"), Part.value("surname"))));
    }

    @Test
    void keys_are_unioned_and_counted_one_by_one() {
        CandidatePairs pairs = Linker.compare(
                records,
                new LinkageConfig(
                        COMPARISONS,
                        List.of(
                                BlockingKey.of("dob", Part.value("date_of_birth")),
                                BlockingKey.of("surname", Part.value("surname"))),
                        0.95,
                        0.5,
                        100));
        assertEquals(Map.of("dob", 3L, "surname", 1L), pairs.pairsPerKey()); // a-b, a-d, b-d; a-c
        assertEquals(4, pairs.size());
        assertEquals(0, pairs.skippedBlocks());
    }

    @Test
    void blocks_above_the_size_limit_are_skipped() {
        BlockingKey postcode = BlockingKey.of("postcode", Part.value("postcode"));
        assertEquals(Set.of(), pairs(records, 3, postcode));
        assertEquals(6, pairs(records, 4, postcode).size()); // a, b, d, e in 2000
        CandidatePairs skipped =
                Linker.compare(records, new LinkageConfig(COMPARISONS, List.of(postcode), 0.95, 0.5, 3));
        assertEquals(1, skipped.skippedBlocks());
    }

    @Test
    void candidate_pairs_carry_the_comparison_levels() {
        CandidatePairs pairs = Linker.compare(
                records,
                new LinkageConfig(
                        List.of(Comparison.exact("surname"), Comparison.dateOfBirth("date_of_birth")),
                        List.of(BlockingKey.of("given", Part.value("given_name"))),
                        0.95,
                        0.5,
                        100));
        assertEquals(1, pairs.size()); // a-c
        assertEquals(1, pairs.level(0, 0));
        assertEquals(Comparison.MISSING, pairs.level(0, 1));
    }
}
