package dev.attune.feedback.internal.integrity;

import static dev.attune.platform.api.JsonSupport.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Known bots and crawlers: the patterns of the open crawler-user-agents list (MIT, pinned by version and checksum in
 * the build), combined into one expression. {@link #match} names the list's pattern that matched.
 */
public final class BotUserAgents {
    private static final Logger LOG = Logger.getLogger(BotUserAgents.class.getName());
    static final String RESOURCE = "/dev/attune/feedback/integrity/crawler-user-agents.json";

    private final Pattern combined;
    private final List<Pattern> patterns;

    private BotUserAgents(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < patterns.size(); i++) {
            sb.append(i == 0 ? "" : "|")
                    .append("(?:")
                    .append(patterns.get(i).pattern())
                    .append(")");
        }
        this.combined = Pattern.compile(sb.toString());
    }

    /** The list shipped with Attune. */
    public static BotUserAgents bundled() {
        try (InputStream in = BotUserAgents.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bot list " + RESOURCE + " is missing from the build");
            }
            return fromJson(in);
        } catch (IOException e) {
            throw new IllegalStateException("reading the bot list failed", e);
        }
    }

    /** Reads the list's JSON ([{"pattern": "...", ...}]); a pattern Java cannot compile is skipped and logged. */
    static BotUserAgents fromJson(InputStream in) {
        JsonArray entries;
        try (JsonReader reader = JSON.createReader(in)) {
            entries = reader.readArray();
        }
        List<Pattern> usable = new ArrayList<>();
        for (JsonObject entry : entries.getValuesAs(JsonObject.class)) {
            String pattern = entry.getString("pattern");
            try {
                usable.add(Pattern.compile(pattern));
            } catch (PatternSyntaxException e) {
                LOG.warning(() -> "Skipping a bot pattern Java cannot compile: " + pattern);
            }
        }
        return new BotUserAgents(usable);
    }

    public int size() {
        return patterns.size();
    }

    /** The list's pattern this user agent matches, if it is a known bot. */
    public Optional<String> match(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return Optional.empty();
        }
        if (!combined.matcher(userAgent).find()) {
            return Optional.empty();
        }
        // a bot: which pattern (one pass over the list, only for bots)
        return patterns.stream()
                .filter(p -> p.matcher(userAgent).find())
                .map(Pattern::pattern)
                .findFirst();
    }
}
