package dev.attune.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Edits a fresh domain.xml before its first start: loopback only, JMS off, Hazelcast on loopback, a 2 GB heap (the language model and the user-agent rules take about 170 MB). */
final class DomainXml {
    private static final Pattern LISTENER_WITHOUT_ADDRESS = Pattern.compile("<network-listener (?![^>]*address=)");
    /** Any attribute order: create-domain rewrites the file and moves attributes around. */
    private static final Pattern EMBEDDED_JMS = Pattern.compile("(<jms-service\\b[^>]*?)type=\"EMBEDDED\"");

    private DomainXml() {
    }

    static void bindToLoopback(Path domainXml) throws IOException {
        String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
        Files.writeString(domainXml, rewrite(xml), StandardCharsets.UTF_8);
    }

    static String rewrite(String xml) {
        String out = xml.replace("address=\"0.0.0.0\"", "address=\"127.0.0.1\"");
        out = LISTENER_WITHOUT_ADDRESS.matcher(out).replaceAll(Matcher.quoteReplacement("<network-listener address=\"127.0.0.1\" "));
        out = EMBEDDED_JMS.matcher(out).replaceAll("$1type=\"DISABLED\"");
        out = out.replaceFirst("<hazelcast-runtime-configuration (?![^>]*interface=)",
                "<hazelcast-runtime-configuration interface=\"127.0.0.1\" ");
        out = out.replace("<jvm-options>-Xmx512m</jvm-options>",
                "<jvm-options>-Xmx2g</jvm-options>\n                <jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options>");
        // Payara's default HTTP pool is tiny; ingest waits on PostgreSQL and needs more threads than cores.
        out = out.replace("<thread-pool name=\"http-thread-pool\"></thread-pool>",
                "<thread-pool name=\"http-thread-pool\" max-thread-pool-size=\"64\" min-thread-pool-size=\"8\"></thread-pool>");
        return out;
    }
}
