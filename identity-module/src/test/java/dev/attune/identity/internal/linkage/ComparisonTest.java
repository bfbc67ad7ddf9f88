package dev.attune.identity.internal.linkage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static LinkRecord record(String... fieldValues) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < fieldValues.length; i += 2) {
            fields.put(fieldValues[i], fieldValues[i + 1]);
        }
        return new LinkRecord("r", fields);
    }

    private static int level(Comparison comparison, String a, String b) {
        return comparison.level(record(comparison.field(), a), record(comparison.field(), b));
    }

    @Test
    void exact_agrees_or_not_and_ignores_case_and_spacing() {
        Comparison state = Comparison.exact("state");
        assertEquals(2, state.levels());
        assertEquals(1, level(state, "VIC", " vic "));
        assertEquals(0, level(state, "vic", "nsw"));
        assertEquals(Comparison.MISSING, level(state, "vic", null));
        assertEquals(Comparison.MISSING, level(state, "  ", "vic"));
    }

    @Test
    void jaro_winkler_bands_run_from_different_to_exact() {
        Comparison surname = Comparison.jaroWinkler("surname", 0.92, 0.80);
        assertEquals(4, surname.levels());
        assertEquals(3, level(surname, "sieber", "sieber"));
        assertEquals(2, level(surname, "martha", "marhta")); // 0.961
        assertEquals(1, level(surname, "dwayne", "duane")); // 0.840
        assertEquals(0, level(surname, "smith", "jones"));
        assertEquals("exact", surname.label(3));
        assertEquals("jw >= 0.92", surname.label(2));
        assertEquals("jw >= 0.80", surname.label(1));
        assertEquals("different", surname.label(0));
        assertEquals("missing", surname.label(Comparison.MISSING));
    }

    @Test
    void levenshtein_bands_use_the_similarity() {
        Comparison street = Comparison.levenshtein("street", 0.85, 0.70);
        assertEquals(1, level(street, "rankin street", "rankin steret")); // 2 edits in 13: 0.846 is below 0.85
        assertEquals(2, level(street, "rankin street", "rankin streeet")); // 1 edit in 14: 0.93
        assertEquals(0, level(street, "rankin street", "goulburn street"));
        assertEquals(
                0.93, street.similarity(record("street", "rankin street"), record("street", "rankin streeet")), 0.01);
    }

    @Test
    void names_entered_in_each_others_fields_get_the_swapped_level() {
        Comparison given = Comparison.jaroWinkler("given_name", 0.92, 0.80).swappedWith("surname");
        assertEquals(5, given.levels());
        LinkRecord lucyCrouch = record("given_name", "lucy", "surname", "crouch");
        LinkRecord crouchLucy = record("given_name", "crouch", "surname", "lucy");
        LinkRecord crouchLucey = record("given_name", "crouch", "surname", "lucey");
        LinkRecord crouchSmith = record("given_name", "crouch", "surname", "smith");
        assertEquals(1, given.level(lucyCrouch, crouchLucy));
        assertEquals(1, given.level(lucyCrouch, crouchLucey)); // crosswise within the top band (0.92)
        assertEquals(0, given.level(lucyCrouch, crouchSmith));
        assertEquals(4, given.level(lucyCrouch, lucyCrouch));
        assertEquals("swapped with surname", given.label(1));
        assertEquals(1, Comparison.exact("given_name").swappedWith("surname").level(lucyCrouch, crouchLucy));
        assertEquals(0, Comparison.exact("given_name").swappedWith("surname").level(lucyCrouch, crouchLucey));
    }

    @Test
    void dates_of_birth_recognise_swapped_day_and_month_and_one_digit_off() {
        Comparison dob = Comparison.dateOfBirth("date_of_birth");
        assertEquals(3, level(dob, "19750208", "1975-02-08"));
        assertEquals(2, level(dob, "19750208", "19750802"));
        assertEquals(1, level(dob, "19750208", "19750218"));
        assertEquals(1, level(dob, "19750208", "19570208"));
        assertEquals(0, level(dob, "19750208", "19761130"));
        assertEquals(0, level(dob, "19750208", "19740802")); // swapped, but another year
        assertEquals(Comparison.MISSING, level(dob, "19750208", "unknown"));
        assertEquals("day and month swapped", dob.label(2));
    }

    @Test
    void numbers_compare_their_digits() {
        Comparison phone = Comparison.numeric("phone");
        assertEquals(2, level(phone, "+61 2 1234 5678", "61212345678"));
        assertEquals(1, level(phone, "61212345678", "61212345687"));
        assertEquals(0, level(phone, "61212345678", "61298765432"));
        assertEquals(Comparison.MISSING, level(phone, "n/a", "61212345678"));
    }

    @Test
    void inconsistent_definitions_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> Comparison.jaroWinkler("surname", 0.8, 0.9));
        assertThrows(IllegalArgumentException.class, () -> Comparison.jaroWinkler("surname"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Comparison("state", Comparison.Kind.EXACT, List.of(0.9), null));
        assertThrows(
                IllegalArgumentException.class,
                () -> Comparison.numeric("phone").swappedWith("mobile"));
        assertTrue(Comparison.exact("state").swappedWith("country").levels() == 3);
    }
}
