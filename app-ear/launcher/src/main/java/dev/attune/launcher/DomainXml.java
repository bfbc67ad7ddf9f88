package dev.attune.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Edits a fresh domain.xml before its first start: loopback only, JMS off, Hazelcast on loopback, no version banner, a 2 GB heap (the language model and the user-agent rules take about 170 MB) given back after a burst. */
final class DomainXml {
    private static final Pattern LISTENER_WITHOUT_ADDRESS = Pattern.compile("<network-listener (?![^>]*address=)");
    /** Any attribute order: create-domain rewrites the file and moves attributes around. */
    /** Every HTTP protocol without its own say on the banner headers. */
    private static final Pattern HTTP_PROTOCOL = Pattern.compile("<http (?![^>]*server-header=)");

    private static final String HARDENED_HTTP = "<http server-header=\"false\" xpowered-by=\"false\" "
            + "cookie-same-site-enabled=\"true\" cookie-same-site-value=\"Strict\" ";
    private static final Pattern EMBEDDED_JMS = Pattern.compile("(<jms-service\\b[^>]*?)type=\"EMBEDDED\"");

    private static final String MEMORY_OPTIONS = "\n                <jvm-options>-XX:MaxHeapFreeRatio=30</jvm-options>"
            + "\n                <jvm-options>-XX:MinHeapFreeRatio=10</jvm-options>";
    private static final Pattern OLDER_MEMORY_OPTION = Pattern.compile(
            "\\s*<jvm-options>-XX:[+-]?(?:G1PeriodicGCInterval|G1PeriodicGCInvokesConcurrent|MaxHeapFreeRatio|MinHeapFreeRatio)\\b[^<]*</jvm-options>");

    private DomainXml() {}

    static void bindToLoopback(Path domainXml) throws IOException {
        String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
        Files.writeString(domainXml, rewrite(xml), StandardCharsets.UTF_8);
    }

    static String rewrite(String xml) {
        String out = xml.replace("address=\"0.0.0.0\"", "address=\"127.0.0.1\"");
        out = LISTENER_WITHOUT_ADDRESS
                .matcher(out)
                .replaceAll(Matcher.quoteReplacement("<network-listener address=\"127.0.0.1\" "));
        out = EMBEDDED_JMS.matcher(out).replaceAll("$1type=\"DISABLED\"");
        out = out.replaceFirst(
                "<hazelcast-runtime-configuration (?![^>]*interface=)",
                "<hazelcast-runtime-configuration interface=\"127.0.0.1\" ");
        out = out.replace(
                "<jvm-options>-Xmx512m</jvm-options>",
                "<jvm-options>-Xmx2g</jvm-options>\n                <jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options>");
        // Memory back to the system when a burst is over: after a full collection the heap shrinks to at most 30 %
        // free (the JVM's default keeps up to 70 %). Attune runs one when it has been quiet for 30 s after a burst
        // (IdleHeapReturn); G1's own periodic collection would repeat every interval on a quiet server, each a pause
        // of most of a second, for nothing. Options an older launcher wrote are replaced.
        out = OLDER_MEMORY_OPTION.matcher(out).replaceAll("");
        out = out.replace("<jvm-options>-Xmx2g</jvm-options>", "<jvm-options>-Xmx2g</jvm-options>" + MEMORY_OPTIONS);
        // No "Server: Payara Server 6.x" or "X-Powered-By" on responses: they tell an attacker which CVEs to try. The
        // console's session cookie is SameSite=Strict: a request another site starts never carries it (Payara applies
        // it per listener; web.xml's Servlet 6 cookie attribute is not honoured by this Payara).
        out = HTTP_PROTOCOL.matcher(out).replaceAll(Matcher.quoteReplacement(HARDENED_HTTP));
        // Payara's default HTTP pool is tiny; ingest waits on PostgreSQL and needs more threads than cores.
        out = out.replace(
                "<thread-pool name=\"http-thread-pool\"></thread-pool>",
                "<thread-pool name=\"http-thread-pool\" max-thread-pool-size=\"64\" min-thread-pool-size=\"8\"></thread-pool>");
        return out;
    }
}
