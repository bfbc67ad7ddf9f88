package dev.attune.personalization.internal.profiles;

import dev.attune.feedback.api.EventType;
import dev.attune.personalization.api.Profile;
import dev.attune.personalization.api.SegmentService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A segment's rule over a profile and its recent events, as JSON:
 * <pre>
 * rule      := {"all":[rule, …]} | {"any":[rule, …]} | {"not":rule} | condition
 * condition := {"field":F, "op":OP, "value":V}
 *            | {"interest":{"item":K} or {"attribute":K}, "op":OP, "value":N}
 *            | {"events":{"type":T, "item":I, "sameItem":true, "sentiment":"negative", "withinHours":H}, "op":OP, "value":N}
 * OP        := "=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 * </pre>
 * Fields: events, engagement, averageRating, ratings, latestNps, npsClass, latestCsat, averageCsat, sentiment,
 * lastSentiment, sentimentTrend (change of text sentiment per day), sentimentTexts, daysSinceLastSeen, device (the most
 * used device class), mobileShare. Rules (not segments) may also test membership: {@code {"segment":"key"}}. An events
 * condition counts the subject's events in the last H hours matching every given filter ({@code sameItem}: the
 * largest count for any one item). Example, "viewed the same item more than 3 times in 24 hours and did not buy":
 * {@code {"all":[{"events":{"type":"page_view","sameItem":true,"withinHours":24},"op":">","value":3},
 * {"events":{"type":"purchase","withinHours":24},"op":"=","value":0}]}}.
 */
public sealed interface SegmentRule {
    Set<String> FIELDS = Set.copyOf(SegmentService.FIELDS);
    Set<String> TEXT_FIELDS = Set.copyOf(SegmentService.TEXT_FIELDS);
    Set<String> OPS = Set.of("=", "!=", "<", "<=", ">", ">=");
    int MAX_WINDOW_HOURS = 24 * 30;

    /** What a rule looks at: the profile, its recent events, the segments it is in, and the time now. */
    record Facts(Profile profile, List<ProfileState.Recent> recent, Set<String> segments, Instant now) {
        public Facts(Profile profile, List<ProfileState.Recent> recent, Instant now) {
            this(profile, recent, Set.of(), now);
        }
    }

    boolean test(Facts facts);

    /** Whether it counts events in a window (so membership can change by time passing alone). */
    boolean windowed();

    record All(List<SegmentRule> rules) implements SegmentRule {
        public boolean test(Facts f) {
            return rules.stream().allMatch(r -> r.test(f));
        }

        public boolean windowed() {
            return rules.stream().anyMatch(SegmentRule::windowed);
        }
    }

    record Any(List<SegmentRule> rules) implements SegmentRule {
        public boolean test(Facts f) {
            return rules.stream().anyMatch(r -> r.test(f));
        }

        public boolean windowed() {
            return rules.stream().anyMatch(SegmentRule::windowed);
        }
    }

    record Not(SegmentRule rule) implements SegmentRule {
        public boolean test(Facts f) {
            return !rule.test(f);
        }

        public boolean windowed() {
            return rule.windowed();
        }
    }

    record Field(String field, String op, JsonValue value) implements SegmentRule {
        public boolean test(Facts f) {
            Profile p = f.profile();
            if (TEXT_FIELDS.contains(field)) {
                String actual = field.equals("npsClass") ? p.npsClass() : mainDevice(p);
                String wanted = ((JsonString) value).getString();
                return actual != null && (op.equals("=") ? actual.equals(wanted) : !actual.equals(wanted));
            }
            Double actual = switch (field) {
                case "events" -> (double) p.events();
                case "engagement" -> p.engagement();
                case "averageRating" -> p.averageRating();
                case "ratings" -> (double) p.ratings();
                case "latestNps" -> p.latestNps() == null ? null : p.latestNps().doubleValue();
                case "latestCsat" ->
                    p.latestCsat() == null ? null : p.latestCsat().doubleValue();
                case "averageCsat" -> p.averageCsat();
                case "sentiment" -> p.sentiment();
                case "lastSentiment" -> p.lastSentiment();
                case "sentimentTrend" -> p.sentimentTrend();
                case "sentimentTexts" -> (double) p.sentimentTexts();
                case "daysSinceLastSeen" ->
                    (f.now().toEpochMilli() - p.lastSeen().toEpochMilli()) / 86_400_000d;
                case "mobileShare" ->
                    p.events() == 0 ? 0d : p.devices().getOrDefault("mobile", 0L) / (double) p.events();
                default -> null;
            };
            return actual != null && compare(actual, op, ((JsonNumber) value).doubleValue());
        }

        public boolean windowed() {
            return field.equals("daysSinceLastSeen");
        }

        private static String mainDevice(Profile p) {
            return p.devices().entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey)
                    .orElse(null);
        }
    }

    record Interest(boolean item, String key, String op, double value) implements SegmentRule {
        public boolean test(Facts f) {
            double score = (item ? f.profile().items() : f.profile().attributes())
                    .stream()
                            .filter(s -> s.key().equals(key))
                            .mapToDouble(Profile.Score::score)
                            .findFirst()
                            .orElse(0);
            return compare(score, op, value);
        }

        public boolean windowed() {
            return false;
        }
    }

    record Events(
            String type, String item, boolean sameItem, String sentiment, int withinHours, String op, double value)
            implements SegmentRule {
        public boolean test(Facts f) {
            long from = f.now().toEpochMilli() - withinHours * 3_600_000L;
            Map<String, Integer> perItem = new HashMap<>();
            int count = 0;
            for (ProfileState.Recent r : f.recent()) {
                if (r.at() < from
                        || r.at() > f.now().toEpochMilli()
                        || (type != null && !type.equals(r.type()))
                        || (item != null && !item.equals(r.item()))
                        || (sentiment != null && !sentiment.equals(r.sentiment()))) {
                    continue;
                }
                count++;
                if (r.item() != null) {
                    perItem.merge(r.item(), 1, Integer::sum);
                }
            }
            int n = sameItem
                    ? perItem.values().stream()
                            .mapToInt(Integer::intValue)
                            .max()
                            .orElse(0)
                    : count;
            return compare(n, op, value);
        }

        public boolean windowed() {
            return true;
        }
    }

    /** Membership of a segment (by key) now: for rules, which act on segments. */
    record InSegment(String key) implements SegmentRule {
        public boolean test(Facts f) {
            return f.segments().contains(key);
        }

        public boolean windowed() {
            return false;
        }
    }

    static boolean compare(double actual, String op, double wanted) {
        return switch (op) {
            case "=" -> actual == wanted;
            case "!=" -> actual != wanted;
            case "<" -> actual < wanted;
            case "<=" -> actual <= wanted;
            case ">" -> actual > wanted;
            default -> actual >= wanted;
        };
    }

    /** Parses a rule; every problem is reported with its path (rule/all/0/op, …). */
    static SegmentRule parse(JsonValue json) {
        List<FieldError> errors = new ArrayList<>();
        SegmentRule rule = parse(json, "rule", errors, 0, null);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid segment rule", errors);
        }
        return rule;
    }

    /**
     * Parses a condition of a rule (which may also test segment membership against the given keys); problems are
     * added to {@code errors} with paths under {@code at}.
     */
    static SegmentRule parseCondition(JsonValue json, String at, List<FieldError> errors, Set<String> segmentKeys) {
        return parse(json, at, errors, 0, segmentKeys);
    }

    /** All segment keys a condition tests. */
    static Set<String> segmentsOf(SegmentRule rule) {
        Set<String> keys = new TreeSet<>();
        collect(rule, keys);
        return keys;
    }

    private static void collect(SegmentRule rule, Set<String> keys) {
        if (rule instanceof All a) {
            a.rules().forEach(r -> collect(r, keys));
        } else if (rule instanceof Any a) {
            a.rules().forEach(r -> collect(r, keys));
        } else if (rule instanceof Not n) {
            collect(n.rule(), keys);
        } else if (rule instanceof InSegment s) {
            keys.add(s.key());
        }
    }

    private static SegmentRule parse(
            JsonValue json, String at, List<FieldError> errors, int depth, Set<String> segmentKeys) {
        if (!(json instanceof JsonObject o)) {
            errors.add(
                    new FieldError(at, "must be an object: {\"all\":[…]}, {\"any\":[…]}, {\"not\":…} or a condition"));
            return null;
        }
        if (depth > 8) {
            errors.add(new FieldError(at, "nests too deep (at most 8 levels)"));
            return null;
        }
        if (o.containsKey("all") || o.containsKey("any")) {
            String kind = o.containsKey("all") ? "all" : "any";
            if (!(o.get(kind) instanceof JsonArray a) || a.isEmpty() || a.size() > 20) {
                errors.add(new FieldError(at + "/" + kind, "must be 1 to 20 rules"));
                return null;
            }
            List<SegmentRule> rules = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                rules.add(parse(a.get(i), at + "/" + kind + "/" + i, errors, depth + 1, segmentKeys));
            }
            return kind.equals("all") ? new All(rules) : new Any(rules);
        }
        if (o.containsKey("not")) {
            return new Not(parse(o.get("not"), at + "/not", errors, depth + 1, segmentKeys));
        }
        if (o.containsKey("segment")) {
            String key = o.get("segment") instanceof JsonString s ? s.getString() : null;
            if (segmentKeys == null) {
                errors.add(new FieldError(at + "/segment", "a segment's rule cannot test other segments (rules can)"));
            } else if (key == null || !segmentKeys.contains(key)) {
                errors.add(new FieldError(
                        at + "/segment",
                        "is not a segment of this site"
                                + (segmentKeys.isEmpty()
                                        ? " (it has none)"
                                        : ": one of " + String.join(", ", segmentKeys))));
            }
            return new InSegment(key);
        }
        if (!o.containsKey("field") && !o.containsKey("interest") && !o.containsKey("events")) {
            errors.add(new FieldError(
                    at,
                    "is not a rule: expected all, any, not, field, interest, events"
                            + (segmentKeys == null ? "" : " or segment")));
            return null;
        }
        String op = o.get("op") instanceof JsonString s ? s.getString() : null;
        if (op == null || !OPS.contains(op)) {
            errors.add(new FieldError(at + "/op", "must be one of = != < <= > >="));
        }
        JsonValue value = o.get("value");
        if (o.containsKey("field")) {
            String field = o.get("field") instanceof JsonString s ? s.getString() : null;
            if (field == null || !FIELDS.contains(field)) {
                errors.add(new FieldError(
                        at + "/field",
                        "must be one of "
                                + String.join(", ", FIELDS.stream().sorted().toList())));
                return null;
            }
            if (TEXT_FIELDS.contains(field)) {
                if (!(value instanceof JsonString)) {
                    errors.add(new FieldError(at + "/value", field + " is compared with a string"));
                } else if (op != null && !op.equals("=") && !op.equals("!=")) {
                    errors.add(new FieldError(at + "/op", field + " takes = or !="));
                }
            } else if (!(value instanceof JsonNumber)) {
                errors.add(new FieldError(at + "/value", "must be a number"));
            }
            return new Field(field, op, value);
        }
        if (!(value instanceof JsonNumber number)) {
            errors.add(new FieldError(at + "/value", "must be a number"));
            return null;
        }
        if (o.get("interest") instanceof JsonObject interest) {
            boolean item = interest.containsKey("item");
            String key = interest.get(item ? "item" : "attribute") instanceof JsonString s ? s.getString() : null;
            if (key == null || key.isBlank()) {
                errors.add(new FieldError(
                        at + "/interest",
                        "names an item or an attribute: {\"item\":\"sku-1\"} or {\"attribute\":\"Drama\"}"));
            }
            return new Interest(item, key, op, number.doubleValue());
        }
        if (o.get("events") instanceof JsonObject events) {
            String type = events.get("type") instanceof JsonString s ? s.getString() : null;
            if (events.containsKey("type")
                    && (type == null || EventType.fromWire(type).isEmpty())) {
                errors.add(new FieldError(at + "/events/type", "is not an event type"));
            }
            String sentiment = events.get("sentiment") instanceof JsonString s ? s.getString() : null;
            if (events.containsKey("sentiment")
                    && (sentiment == null
                            || !Set.of("positive", "neutral", "negative", "unknown")
                                    .contains(sentiment))) {
                errors.add(new FieldError(at + "/events/sentiment", "must be positive, neutral, negative or unknown"));
            }
            int hours = events.get("withinHours") instanceof JsonNumber h && h.isIntegral() ? h.intValue() : -1;
            if (hours < 1 || hours > MAX_WINDOW_HOURS) {
                errors.add(new FieldError(at + "/events/withinHours", "must be 1 to " + MAX_WINDOW_HOURS + " hours"));
            }
            return new Events(
                    type,
                    events.get("item") instanceof JsonString s ? s.getString() : null,
                    events.getBoolean("sameItem", false),
                    sentiment,
                    hours,
                    op,
                    number.doubleValue());
        }
        errors.add(new FieldError(at, "is not a rule: expected all, any, not, field, interest or events"));
        return null;
    }
}
