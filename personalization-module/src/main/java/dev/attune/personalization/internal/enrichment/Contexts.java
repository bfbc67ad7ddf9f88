package dev.attune.personalization.internal.enrichment;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an event's context says beyond itself: where the visitor came from, their local time, the keywords of their text. */
public final class Contexts {
    private static final List<String> SEARCH = List.of(
            "google.",
            "bing.",
            "duckduckgo.",
            "yahoo.",
            "baidu.",
            "yandex.",
            "ecosia.",
            "startpage.",
            "qwant.",
            "search.brave.",
            "kagi.");
    private static final List<String> SOCIAL = List.of(
            "facebook.",
            "fb.com",
            "fb.me",
            "t.co",
            "twitter.",
            "x.com",
            "instagram.",
            "linkedin.",
            "lnkd.in",
            "reddit.",
            "pinterest.",
            "tiktok.",
            "youtube.",
            "youtu.be",
            "whatsapp.",
            "telegram.",
            "mastodon.",
            "threads.net",
            "bsky.app");
    private static final List<String> MAIL = List.of("mail.", "outlook.", "gmail.", "webmail.", "proton.me");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'-]+");
    private static final Set<String> STOPWORDS =
            Set.of(("about above after again against all also and any are because been before "
                            + "being below between both but can could did does doing down during each few for from further had has have having her "
                            + "here hers him his how into its itself just more most nor not now off once only other our ours out over own same she "
                            + "should some such than that the their theirs them then there these they this those through too under until very was "
                            + "were what when where which while who whom why will with would you your yours i'm it's don't can't isn't wasn't didn't "
                            + "doesn't won't i've i'd i'll you're they're we're that's there's what's let's get got really much even still well way "
                            + "thing things one")
                    .split(" "));

    private Contexts() {}

    /**
     * The referrer's class: {@code direct} (none), {@code internal} (the page's own host), {@code search}, {@code social},
     * {@code email} (a mail host, or a page tagged utm_medium=email), {@code paid} (utm_medium cpc, ppc, paid…),
     * otherwise {@code referral}.
     */
    public static String referrerClass(String referrer, String url) {
        String medium = parameter(url, "utm_medium");
        if (medium != null) {
            String m = medium.toLowerCase(Locale.ROOT);
            if (m.equals("email") || m.equals("e-mail") || m.equals("newsletter")) {
                return "email";
            }
            if (m.equals("cpc") || m.equals("ppc") || m.startsWith("paid") || m.equals("display") || m.equals("cpm")) {
                return "paid";
            }
            if (m.startsWith("social")) {
                return "social";
            }
        }
        String from = host(referrer);
        if (from == null) {
            return "direct";
        }
        String to = host(url);
        if (from.equals(to)) {
            return "internal";
        }
        if (matches(from, SEARCH)) {
            return "search";
        }
        if (matches(from, SOCIAL)) {
            return "social";
        }
        if (matches(from, MAIL)) {
            return "email";
        }
        return "referral";
    }

    private static boolean matches(String host, List<String> patterns) {
        String h = host.startsWith("www.") ? host.substring(4) : host;
        for (String p : patterns) {
            if (p.endsWith(".") ? h.startsWith(p) || h.contains("." + p) : h.equals(p) || h.endsWith("." + p)) {
                return true;
            }
        }
        return false;
    }

    static String host(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String parameter(String url, String name) {
        if (url == null) {
            return null;
        }
        try {
            String query = URI.create(url.strip()).getRawQuery();
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The hour (0-23) and ISO weekday (1 = Monday) at the visitor, or null without a valid time zone. */
    public static int[] localTime(Instant at, String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return null;
        }
        try {
            ZonedDateTime local = at.atZone(ZoneId.of(timeZone.strip()));
            return new int[] {local.getHour(), local.getDayOfWeek().getValue()};
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Up to five keywords of a text: its most frequent words of three or more letters that are not function words. */
    public static List<String> keywords(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> first = new HashMap<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        int position = 0;
        while (m.find()) {
            String w = m.group();
            if (w.length() >= 3 && !STOPWORDS.contains(w)) {
                counts.merge(w, 1, Integer::sum);
                first.putIfAbsent(w, position);
            }
            position++;
        }
        List<String> words = new ArrayList<>(counts.keySet());
        words.sort((a, b) ->
                counts.get(b).equals(counts.get(a)) ? first.get(a) - first.get(b) : counts.get(b) - counts.get(a));
        return List.copyOf(words.subList(0, Math.min(5, words.size())));
    }
}
