package dev.attune.admin.collect;

import static dev.attune.platform.api.JsonSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SurveyJsonTest {

    private static JsonObject parse(String json) {
        return JSON.createReader(new StringReader(json)).readObject();
    }

    @Test
    void the_trigger_in_words() {
        assertThat(SurveyJson.trigger(parse("{\"trigger\":{\"type\":\"scroll_depth\",\"percent\":60}}")))
                .isEqualTo("scrolled 60 %");
        assertThat(SurveyJson.trigger(parse("{\"trigger\":{\"type\":\"click\",\"selector\":\"#buy\"}}")))
                .isEqualTo("click on #buy");
    }

    @Test
    void the_targeting_in_words() {
        assertThat(SurveyJson.targeting(parse("{}"))).isEqualTo("every page");
        assertThat(SurveyJson.targeting(
                        parse("{\"targeting\":{\"urlPattern\":\"/checkout/*\",\"devices\":[\"mobile\",\"tablet\"],"
                                + "\"segment\":\"vip\",\"sharePercent\":20}}")))
                .isEqualTo("/checkout/* · mobile/tablet · segment vip · 20 %");
    }
}
