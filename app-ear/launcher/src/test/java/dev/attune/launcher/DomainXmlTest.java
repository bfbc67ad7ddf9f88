package dev.attune.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainXmlTest {
    private static final String FRAGMENT = """
            <hazelcast-runtime-configuration start-port="8059" das-port="8049"></hazelcast-runtime-configuration>
            <iiop-listener address="0.0.0.0" port="8037" id="orb-listener-1" lazy-init="true" />
            <jmx-connector auth-realm-name="admin-realm" security-enabled="false" address="0.0.0.0" port="8086" name="system" />
            <jvm-options>-Xmx512m</jvm-options>
            <jms-service type="EMBEDDED" default-jms-host="default_JMS_host">
            <jms-service default-jms-host="default_JMS_host" type="EMBEDDED">
            <network-listener port="8080" protocol="http-listener-1" transport="tcp" name="http-listener-1"></network-listener>
            <network-listener address="0.0.0.0" port="8181" protocol="http-listener-2" name="http-listener-2"/>
            <protocol name="http-listener-1"><http max-connections="250" default-virtual-server="server"></http></protocol>
            <protocol name="admin-listener"><http encoded-slash-enabled="true" default-virtual-server="__asadmin"></http></protocol>
            """;

    @Test
    void every_listener_binds_to_loopback_and_jms_is_off() {
        String out = DomainXml.rewrite(FRAGMENT);

        assertThat(out).doesNotContain("0.0.0.0");
        assertThat(out).contains("<network-listener address=\"127.0.0.1\" port=\"8080\"");
        assertThat(out).contains("<network-listener address=\"127.0.0.1\" port=\"8181\"");
        assertThat(out).contains("<hazelcast-runtime-configuration interface=\"127.0.0.1\" start-port=\"8059\"");
        assertThat(out).contains("<jms-service type=\"DISABLED\"").doesNotContain("EMBEDDED");
        assertThat(out)
                .contains("-Dhazelcast.socket.bind.any=false")
                .contains("-Xmx2g")
                .doesNotContain("-Xmx512m");
        assertThat(out)
                .contains(
                        "<jvm-options>-XX:MaxHeapFreeRatio=30</jvm-options>",
                        "<jvm-options>-XX:MinHeapFreeRatio=10</jvm-options>")
                .doesNotContain("G1PeriodicGC");
    }

    @Test
    void no_protocol_names_the_server_and_session_cookies_stay_on_their_site() {
        String out = DomainXml.rewrite(FRAGMENT);

        assertThat(out)
                .contains("<http server-header=\"false\" xpowered-by=\"false\" cookie-same-site-enabled=\"true\" "
                        + "cookie-same-site-value=\"Strict\" max-connections=\"250\"")
                .contains("xpowered-by=\"false\" cookie-same-site-enabled=\"true\" cookie-same-site-value=\"Strict\" "
                        + "encoded-slash-enabled=\"true\"");
    }

    @Test
    void a_domain_made_by_an_older_launcher_gets_the_memory_options_once() {
        String older = FRAGMENT.replace(
                "<jvm-options>-Xmx512m</jvm-options>",
                "<jvm-options>-Xmx2g</jvm-options>"
                        + "\n<jvm-options>-XX:G1PeriodicGCInterval=15000</jvm-options>\n<jvm-options>-XX:MaxHeapFreeRatio=30</jvm-options>");

        String out = DomainXml.rewrite(DomainXml.rewrite(older));

        assertThat(out).doesNotContain("G1PeriodicGCInterval");
        assertThat(out.split("MaxHeapFreeRatio", -1)).hasSize(2);
        assertThat(out.split("MinHeapFreeRatio", -1)).hasSize(2);
    }

    @Test
    void rewriting_twice_changes_nothing_more() {
        String once = DomainXml.rewrite(FRAGMENT);

        assertThat(DomainXml.rewrite(once)).isEqualTo(once);
    }
}
