package dev.attune.feedback.internal.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OriginRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example.com", "http://127.0.0.1:8080", "https://a.b.c:8443"})
    void bare_http_origins_are_accepted(String origin) {
        assertThat(DefaultSiteService.originProblem(origin)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "shop.example.com",
                "ftp://shop.example.com",
                "https://shop.example.com/path",
                "https://shop.example.com?q=1",
                "https://user@shop.example.com",
                "https://exa mple.com"
            })
    void anything_else_is_refused(String origin) {
        assertThat(DefaultSiteService.originProblem(origin)).isNotNull();
    }
}
