package dev.attune.identity.internal.linkage;

import dev.attune.identity.internal.linkage.BlockingKey.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * What a linkage compares and how it decides.
 *
 * @param comparisons     the field comparisons (at most 16, each at most 14 levels)
 * @param blockingKeys    the blocking keys whose pairs are unioned into the candidates
 * @param matchThreshold  posterior match probability from which a pair is a match
 * @param reviewThreshold posterior from which a pair below the match threshold goes to review
 * @param maxBlockSize    blocks larger than this are skipped (a key value shared by that many records says little and
 *                        would square the work); the other keys still pair those records
 */
public record LinkageConfig(
        List<Comparison> comparisons,
        List<BlockingKey> blockingKeys,
        double matchThreshold,
        double reviewThreshold,
        int maxBlockSize) {
    public static final String GIVEN_NAME = "given_name";
    public static final String SURNAME = "surname";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String DATE_OF_BIRTH = "date_of_birth";
    public static final String STREET = "street";
    public static final String POSTCODE = "postcode";
    public static final String CITY = "city";
    public static final String STATE = "state";

    public LinkageConfig {
        comparisons = List.copyOf(comparisons);
        blockingKeys = List.copyOf(blockingKeys);
        if (comparisons.isEmpty()
                || comparisons.size() > 16
                || comparisons.stream().anyMatch(c -> c.levels() > 14)) {
            throw new IllegalArgumentException("1 to 16 comparisons of at most 14 levels each");
        }
        if (blockingKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one blocking key");
        }
        if (!(0 < reviewThreshold && reviewThreshold <= matchThreshold && matchThreshold < 1)) {
            throw new IllegalArgumentException("need 0 < review threshold <= match threshold < 1");
        }
    }

    /**
     * The person-contact fields Attune links on: names (Jaro-Winkler, swaps recognised), email, phone, date of birth,
     * street line (Levenshtein), postcode, city, state; blocked on exact identifiers and date of birth, on the sound of
     * the name pair, and on postcode with the surname's sound or with the year of birth. A pair is a match from a
     * posterior of 0.95 and goes to review from 0.5.
     */
    public static LinkageConfig personContact() {
        List<Comparison> comparisons = List.of(
                Comparison.jaroWinkler(GIVEN_NAME, 0.92, 0.80).swappedWith(SURNAME),
                Comparison.jaroWinkler(SURNAME, 0.92, 0.80).swappedWith(GIVEN_NAME),
                Comparison.levenshtein(EMAIL, 0.90),
                Comparison.numeric(PHONE),
                Comparison.dateOfBirth(DATE_OF_BIRTH),
                Comparison.levenshtein(STREET, 0.85, 0.70),
                Comparison.numeric(POSTCODE),
                Comparison.jaroWinkler(CITY, 0.92, 0.80),
                Comparison.exact(STATE));
        List<BlockingKey> keys = List.of(
                BlockingKey.of("email", Part.value(EMAIL)),
                BlockingKey.of("phone", Part.digits(PHONE)),
                BlockingKey.of("date_of_birth", Part.value(DATE_OF_BIRTH)),
                BlockingKey.unordered("name_sounds", Part.metaphone(GIVEN_NAME), Part.metaphone(SURNAME)),
                BlockingKey.of("surname_sound+postcode", Part.metaphone(SURNAME), Part.value(POSTCODE)),
                BlockingKey.of("postcode+birth_year", Part.value(POSTCODE), Part.year(DATE_OF_BIRTH)));
        return new LinkageConfig(comparisons, keys, 0.95, 0.5, 1000);
    }

    /** This configuration with more comparisons and blocking keys (for fields a source has beyond the contact ones). */
    public LinkageConfig plus(List<Comparison> moreComparisons, List<BlockingKey> moreKeys) {
        List<Comparison> allComparisons = new ArrayList<>(comparisons);
        allComparisons.addAll(moreComparisons);
        List<BlockingKey> allKeys = new ArrayList<>(blockingKeys);
        allKeys.addAll(moreKeys);
        return new LinkageConfig(allComparisons, allKeys, matchThreshold, reviewThreshold, maxBlockSize);
    }
}
