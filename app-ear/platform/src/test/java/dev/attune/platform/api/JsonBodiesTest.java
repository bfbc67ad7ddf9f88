package dev.attune.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    private static FieldError refusal(String text) {
        try {
            JsonBodies.parse(text, "(body)");
        } catch (InvalidInputException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errors()).hasSize(1);
            return e.errors().get(0);
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void a_body_reads_as_the_standard_reader_would() {
        JsonValue v = JsonBodies.parse(
                "{\"a\":[1,2.5,\"x\",true,false,null,{\"b\":{}}],\"c\":{\"d\":[]},\"e\":-1e3}", "(body)");
        assertThat(v.toString())
                .isEqualTo("{\"a\":[1,2.5,\"x\",true,false,null,{\"b\":{}}],\"c\":{\"d\":[]},\"e\":-1E+3}");
        assertThat(JsonBodies.parse("\"just a string\"", "(body)").toString()).isEqualTo("\"just a string\"");
    }

    @Test
    void nesting_up_to_the_limit_is_read_and_one_level_more_is_refused_naming_the_limit() {
        String ok = "[".repeat(JsonBodies.MAX_DEPTH) + "]".repeat(JsonBodies.MAX_DEPTH);
        assertThat(JsonBodies.parse(ok, "(body)")).isNotNull();

        FieldError deep = refusal("{\"properties\":{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}}");
        assertThat(deep.field()).isEqualTo("(body)");
        assertThat(deep.message()).contains("nested deeper than 32 levels").contains("properties/a/0/0");
    }

    @Test
    void nesting_far_beyond_the_parsers_own_limit_is_a_named_400_not_an_unchecked_error() {
        FieldError deep = refusal("[".repeat(5000) + "]".repeat(5000));
        assertThat(deep.message()).contains("nested deeper than");
        FieldError unclosed = refusal("{\"a\":".repeat(100_000));
        assertThat(unclosed.message()).contains("nested deeper than");
    }

    @Test
    void a_key_given_twice_is_refused_by_its_path() {
        assertThat(refusal("{\"value\":1,\"type\":\"rating\",\"value\":5}"))
                .isEqualTo(new FieldError("value", "appears twice in one object"));
        assertThat(refusal("{\"events\":[{},{\"context\":{\"url\":\"a\",\"url\":\"b\"}}]}")
                        .field())
                .isEqualTo("events/1/context/url");
        // the same key in sibling objects is fine
        assertThat(JsonBodies.parse("[{\"a\":1},{\"a\":2}]", "(body)")).isNotNull();
    }

    @Test
    void syntax_errors_name_the_root_and_where() {
        assertThat(refusal("{\"a\":}").message()).startsWith("is not valid JSON (line 1, column");
        assertThat(refusal("{} {}").message()).startsWith("is not valid JSON");
        assertThat(refusal("").message()).startsWith("is not valid JSON");
        assertThat(refusal("   ").message()).startsWith("is not valid JSON");
    }

    @Test
    void numbers_too_long_or_of_absurd_exponent_are_refused_by_path() {
        assertThat(refusal("{\"value\":" + "9".repeat(2000) + "}"))
                .isEqualTo(new FieldError("value", "is a number too long to read"));
        assertThat(refusal("{\"a\":[1,1e999999999]}").field()).isEqualTo("a/1");
        assertThat(JsonBodies.parse("1e400", "(body)")).isNotNull();
    }

    @Test
    void a_body_must_be_strict_utf8_within_its_size_and_an_object() {
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> JsonBodies.readObject(new ByteArrayInputStream(bad), 100))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> JsonBodies.readObject(new ByteArrayInputStream(new byte[101]), 100))
                .isInstanceOfSatisfying(
                        ApiProblem.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThatThrownBy(() -> JsonBodies.readObject(new ByteArrayInputStream(new byte[0]), 100))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> JsonBodies.readObject(new ByteArrayInputStream("[1]".getBytes()), 100))
                .hasMessageContaining("must be a JSON object");
        JsonObject o = JsonBodies.readObject(
                new ByteArrayInputStream("{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8)), 100);
        assertThat(o.getString("name")).isEqualTo("Zoë");
    }
}
