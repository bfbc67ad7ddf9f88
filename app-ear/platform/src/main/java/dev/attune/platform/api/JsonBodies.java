package dev.attune.platform.api;

import static dev.attune.platform.api.JsonSupport.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * The one way a request's JSON is read, on every endpoint and socket: strict UTF-8, a bounded size, at most
 * {@link #MAX_DEPTH} levels of nesting and no key twice in one object. Each way a body can break is a 400 naming where
 * (never the parser's own error, which for deep nesting is an unchecked exception, i.e. a 500).
 */
public final class JsonBodies {
    /**
     * Objects and arrays nested deeper than this are refused: no Attune request needs more, and code that walks JSON
     * (rules, schemas, stored properties) may then recurse safely.
     */
    public static final int MAX_DEPTH = 32;

    /** Numbers whose decimal exponent is beyond this are refused (see {@code scalar()}). */
    public static final int MAX_SCALE = 1000;

    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private JsonBodies() {}

    /** A request body of at most {@code maxBytes} that must be one JSON object; problems are on "(body)". */
    public static JsonObject readObject(InputStream body, int maxBytes) {
        return object(parse(utf8(bytes(body, maxBytes)), "(body)"), "(body)");
    }

    /** The bytes of a body of at most {@code maxBytes} (413 beyond, 400 when empty). */
    public static byte[] bytes(InputStream body, int maxBytes) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new ApiProblem(400, "Unreadable body", "The request body could not be read: " + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            discardRest(body);
            throw new ApiProblem(413, "Payload too large", "The body is larger than " + maxBytes + " bytes");
        }
        if (bytes.length == 0) {
            throw InvalidInputException.of("(body)", "is empty; send a JSON object");
        }
        return bytes;
    }

    /** Strictly decoded UTF-8: a malformed byte is a 400, never a replacement character stored for good. */
    public static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw InvalidInputException.of("(body)", "is not valid UTF-8");
        }
    }

    /** {@code value} as an object, or a 400 on {@code root}. */
    public static JsonObject object(JsonValue value, String root) {
        if (!(value instanceof JsonObject object)) {
            throw InvalidInputException.of(root, "must be a JSON object");
        }
        return object;
    }

    /**
     * One JSON value; errors are reported on {@code root} ("(body)", "(message)") or, for a repeated key, on its path
     * below it ("events/0/value").
     */
    public static JsonValue parse(String text, String root) {
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            return new TreeBuilder(parser, root).read();
        } catch (JsonParsingException e) {
            throw InvalidInputException.of(root, "is not valid JSON" + at(e.getLocation()));
        } catch (JsonException | IllegalStateException | ArithmeticException | NumberFormatException e) {
            throw InvalidInputException.of(root, "is not valid JSON: " + e.getMessage());
        }
    }

    private static String at(JsonLocation at) {
        return at == null ? "" : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
    }

    /**
     * Builds the tree from the parser's events without recursion, counting depth before the parser's own limit (a
     * plain RuntimeException in Parsson) can be reached, and refusing a key an object already has.
     */
    private static final class TreeBuilder {
        private final JsonParser parser;
        private final String root;
        private final Deque<Level> levels = new ArrayDeque<>();

        TreeBuilder(JsonParser parser, String root) {
            this.parser = parser;
            this.root = root;
        }

        JsonValue read() {
            JsonValue result = null;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                JsonValue done = switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        if (levels.size() >= MAX_DEPTH) {
                            throw InvalidInputException.of(
                                    root, "is nested deeper than " + MAX_DEPTH + " levels (at " + path(60) + ")");
                        }
                        levels.push(event == JsonParser.Event.START_OBJECT ? Level.object() : Level.array());
                        yield null;
                    }
                    case KEY_NAME -> {
                        Level level = levels.peek();
                        level.key = parser.getString();
                        if (!level.keys.add(level.key)) {
                            throw InvalidInputException.of(path(200), "appears twice in one object");
                        }
                        yield null;
                    }
                    case END_OBJECT, END_ARRAY -> levels.pop().build();
                    default -> scalar();
                };
                if (done != null) {
                    if (levels.isEmpty()) {
                        result = done;
                    } else {
                        levels.peek().add(done);
                    }
                }
            }
            if (result == null) {
                throw InvalidInputException.of(root, "is not valid JSON: no value");
            }
            return result;
        }

        /** A string, number, true, false or null; a number Parsson will not read, or of absurd scale, is refused. */
        private JsonValue scalar() {
            JsonValue value;
            try {
                value = parser.getValue();
            } catch (UnsupportedOperationException e) { // more than Parsson's 1,100 characters
                throw InvalidInputException.of(path(200), "is a number too long to read");
            }
            if (value instanceof JsonNumber n
                    && Math.abs((long) n.bigDecimalValue().scale()) > MAX_SCALE) {
                // 1e999999999 reads cheaply but explodes wherever it is turned into an integer or plain text
                throw InvalidInputException.of(path(200), "is a number with an exponent beyond ±" + MAX_SCALE);
            }
            return value;
        }

        /** Where the parser is, as "events/0/properties/x" below the root (shortened to about {@code max}). */
        private String path(int max) {
            StringBuilder path = new StringBuilder();
            for (Iterator<Level> it = levels.descendingIterator(); it.hasNext(); ) {
                Level level = it.next();
                String step = level.object == null ? Integer.toString(level.size) : level.key;
                if (step == null) {
                    break;
                }
                if (path.length() > 0) {
                    path.append('/');
                }
                path.append(step);
                if (path.length() > max) {
                    return path.substring(0, max) + "…";
                }
            }
            return path.length() == 0 ? root : path.toString();
        }
    }

    /** One open object or array. */
    private static final class Level {
        final JsonObjectBuilder object;
        final JsonArrayBuilder array;
        final Set<String> keys;
        String key;
        int size;

        private Level(JsonObjectBuilder object, JsonArrayBuilder array) {
            this.object = object;
            this.array = array;
            this.keys = object == null ? Set.of() : new HashSet<>();
        }

        static Level object() {
            return new Level(JSON.createObjectBuilder(), null);
        }

        static Level array() {
            return new Level(null, JSON.createArrayBuilder());
        }

        void add(JsonValue value) {
            if (object != null) {
                object.add(key, value);
            } else {
                array.add(value);
            }
            size++;
        }

        JsonValue build() {
            return object != null ? object.build() : array.build();
        }
    }

    /**
     * Reads what the client is still sending (up to a bound) so that it receives the 413 instead of a reset
     * connection; beyond the bound the connection is simply dropped.
     */
    private static void discardRest(InputStream body) {
        try {
            long left = DRAIN_LIMIT;
            byte[] sink = new byte[64 * 1024];
            int n;
            while (left > 0 && (n = body.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // the client gave up; nothing to answer
        }
    }
}
