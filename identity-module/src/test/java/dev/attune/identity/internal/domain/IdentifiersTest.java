package dev.attune.identity.internal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.attune.identity.api.IdentifierKind;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void values_are_normalised_so_one_identifier_has_one_hash() {
        assertEquals("ann@example.com", Identifiers.normalise(IdentifierKind.EMAIL, "  Ann@Example.COM "));
        assertEquals("+491701234567", Identifiers.normalise(IdentifierKind.PHONE, "+49 (170) 123-4567"));
        assertEquals("Customer-42", Identifiers.normalise(IdentifierKind.USER, " Customer-42 "));
    }

    @Test
    void malformed_values_are_refused_with_the_reason() {
        assertEquals(
                "is not an email address",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Identifiers.normalise(IdentifierKind.EMAIL, "ann.example.com"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Identifiers.normalise(IdentifierKind.PHONE, "12"));
        assertThrows(
                IllegalArgumentException.class, () -> Identifiers.normalise(IdentifierKind.ANONYMOUS, "has space"));
        assertThrows(IllegalArgumentException.class, () -> Identifiers.normalise(IdentifierKind.USER, " "));
        assertThrows(
                IllegalArgumentException.class, () -> Identifiers.normalise(IdentifierKind.CUSTOM, "x".repeat(201)));
    }

    @Test
    void hints_do_not_give_the_value_away() {
        assertEquals("an…@example.com", Identifiers.hint(IdentifierKind.EMAIL, "ann@example.com"));
        assertEquals("…4567", Identifiers.hint(IdentifierKind.PHONE, "+491701234567"));
        assertEquals("cu…11", Identifiers.hint(IdentifierKind.USER, "customer-42"));
        assertEquals("…", Identifiers.hint(IdentifierKind.USER, "u42"));
    }
}
