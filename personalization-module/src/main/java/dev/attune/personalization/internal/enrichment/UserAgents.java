package dev.attune.personalization.internal.enrichment;

import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * User agents parsed by Yauaa (a maintained rule set, Apache-2.0) into the device class Attune segments by
 * (desktop, mobile, tablet, bot, other), the browser and the operating system. The analyser takes a few seconds
 * and about 110 MB of heap to build (only the three fields are kept, without Yauaa's test cases): it is built once,
 * the first time a user agent is to be parsed (so a deployment that never sees one never pays for it).
 */
public final class UserAgents {
    /** What Attune keeps of a user agent. */
    public record Parsed(String deviceClass, String browser, String os) {}

    private static final class Holder {
        static final UserAgentAnalyzer ANALYZER = UserAgentAnalyzer.newBuilder()
                .hideMatcherLoadStats()
                .dropTests()
                .withCache(10_000)
                .withField(UserAgent.DEVICE_CLASS)
                .withField(UserAgent.AGENT_NAME)
                .withField(UserAgent.OPERATING_SYSTEM_NAME)
                .immediateInitialization()
                .build();
    }

    private UserAgents() {}

    /** Builds the analyser now (the first parse would otherwise). */
    public static void warmUp() {
        parse("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36");
    }

    public static Parsed parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Parsed(null, null, null);
        }
        UserAgent ua = Holder.ANALYZER.parse(userAgent);
        return new Parsed(
                deviceClass(ua.getValue(UserAgent.DEVICE_CLASS)),
                known(ua.getValue(UserAgent.AGENT_NAME)),
                known(ua.getValue(UserAgent.OPERATING_SYSTEM_NAME)));
    }

    /** Yauaa's classes folded into Attune's: desktop, mobile, tablet, bot or other. */
    static String deviceClass(String yauaa) {
        if (yauaa == null) {
            return "other";
        }
        return switch (yauaa) {
            case "Desktop" -> "desktop";
            case "Phone", "Mobile", "Watch" -> "mobile";
            case "Tablet", "eReader" -> "tablet";
            case "Robot", "Robot Mobile", "Robot Imitator", "Hacker", "Cloud Application" -> "bot";
            default -> "other";
        };
    }

    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("??") || value.equals("Unknown") ? null : value;
    }
}
