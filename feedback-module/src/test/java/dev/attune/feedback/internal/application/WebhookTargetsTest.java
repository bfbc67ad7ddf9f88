package dev.attune.feedback.internal.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookTargetsTest {
    private final WebhookTargets production = new WebhookTargets(false);
    private final WebhookTargets development = new WebhookTargets(true);

    @Test
    void public_https_targets_are_fine() {
        assertThat(production.problem("https://93.184.216.34/hooks/attune")).isNull();
        assertThat(production.problem("https://[2606:2800:220:1:248:1893:25c8:1946]/hook"))
                .isNull();
    }

    @Test
    void plain_http_is_refused_except_to_loopback_in_development() {
        assertThat(production.problem("http://93.184.216.34/hook")).contains("https");
        assertThat(production.problem("http://127.0.0.1:8080/hook")).contains("loopback");
        assertThat(development.problem("http://127.0.0.1:8080/hook")).isNull();
        assertThat(development.problem("http://93.184.216.34/hook")).contains("https");
    }

    @Test
    void the_servers_own_networks_are_refused_whatever_the_scheme() {
        for (String url : new String[] {
            "https://169.254.169.254/latest/meta-data/", // cloud metadata
            "https://10.0.0.5/hook",
            "https://172.16.3.4/hook",
            "https://192.168.1.1/hook",
            "https://100.64.0.1/hook",
            "https://0.0.0.0/hook",
            "https://224.0.0.1/hook",
            "https://[fd00:ec2::254]/hook",
            "https://[fe80::1]/hook",
            "https://[::]/hook"
        }) {
            assertThat(development.problem(url)).as(url).contains("must not point at");
        }
    }

    @Test
    void malformed_targets_are_named() {
        assertThat(production.problem("ftp://example.com/x")).contains("https URL");
        assertThat(production.problem("https://user:pw@93.184.216.34/")).contains("credentials");
        assertThat(production.problem("not a url")).isNotNull();
        assertThat(production.problem(" ")).isEqualTo("is required");
    }
}
