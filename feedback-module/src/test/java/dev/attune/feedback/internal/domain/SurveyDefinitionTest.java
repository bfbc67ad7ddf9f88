package dev.attune.feedback.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import dev.attune.platform.api.Targeting;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SurveyDefinitionTest {
    static final String NPS = """
            {"questions":[
              {"id":"q1","type":"nps","text":"How likely are you to recommend us?","branches":[{"max":6,"goto":"q2"},{"min":9,"goto":"end"}],"next":"q3"},
              {"id":"q2","type":"text","text":"What should we improve?","next":"end"},
              {"id":"q3","type":"single_choice","text":"What do you like most?","options":["Selection","Prices"]}],
             "targeting":{"urlPattern":"/demo/*","devices":["desktop","mobile"],"sharePercent":100},
             "trigger":{"type":"time_on_page","seconds":5},
             "frequency":{"maxDisplays":1}}""";

    @Test
    void parsesAValidSurvey() {
        SurveyDefinition d = SurveyDefinition.parse(NPS);
        assertThat(d.questionIds()).containsExactly("q1", "q2", "q3");
        assertThat(d.triggerType()).isEqualTo("time_on_page");
        assertThat(d.maxDisplays()).isEqualTo(1);
        assertThat(d.targeting().matches("http://127.0.0.1:8080/demo/item/3?x=1", "desktop"))
                .isTrue();
        assertThat(d.targeting().matches("http://127.0.0.1:8080/shop/", "desktop"))
                .isFalse();
        assertThat(d.targeting().matches("http://127.0.0.1:8080/demo/", "tablet"))
                .isFalse();
    }

    @Test
    void namesEveryBadFieldOfTheShape() {
        assertThatThrownBy(() -> SurveyDefinition.parse("""
                {"questions":[{"id":"q 1","type":"stars","text":""}],"trigger":{"type":"time_on_page"},"colour":"red"}"""))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .contains(
                                        "definition/questions/0/id",
                                        "definition/questions/0/type",
                                        "definition/questions/0/text",
                                        "definition/trigger",
                                        "definition"));
    }

    @Test
    void branchesOnlyGoForwardToQuestionsThatExist() {
        assertThatThrownBy(() -> SurveyDefinition.parse("""
                {"questions":[{"id":"a","type":"nps","text":"A?","branches":[{"max":6,"goto":"a"}]},
                              {"id":"b","type":"single_choice","text":"B?","options":["x","y"],"branches":[{"choice":"z","goto":"end"}]},
                              {"id":"c","type":"csat","text":"C?","options":["1","2"],"next":"zz"}],
                 "trigger":{"type":"exit_intent"}}"""))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactlyInAnyOrder(
                                        "definition/questions/0/branches/0/goto",
                                        "definition/questions/1/branches/0/choice",
                                        "definition/questions/2/options",
                                        "definition/questions/2/next"));
    }

    @Test
    void choiceQuestionsNeedOptions() {
        assertThatThrownBy(() -> SurveyDefinition.parse("""
                {"questions":[{"id":"a","type":"multiple_choice","text":"A?"}],"trigger":{"type":"page_views","count":2}}"""))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("definition/questions/0/options"));
    }

    @Test
    void shareIsStablePerVisitorAndRoughlyTheShare() {
        SurveyDefinition d = SurveyDefinition.parse(NPS.replace("\"sharePercent\":100", "\"sharePercent\":30"));
        UUID survey = UUID.fromString("7f0c1a3e-8d7b-4a43-9a55-0c39f2b5f001");
        int in = 0;
        for (int i = 0; i < 10_000; i++) {
            boolean first = d.targeting().inShare(survey, "visitor-" + i);
            assertThat(d.targeting().inShare(survey, "visitor-" + i)).isEqualTo(first);
            in += first ? 1 : 0;
        }
        assertThat(in).isBetween(2_700, 3_300);
    }

    @Test
    void globsMatchFullUrlsOrPaths() {
        assertThat(Targeting.UrlGlob.of("*checkout*").matches("https://shop.example/en/checkout/step-2"))
                .isTrue();
        assertThat(Targeting.path("https://shop.example/a/b?q=1")).isEqualTo("/a/b?q=1");
        assertThat(SurveyDefinition.device("Tablet")).isEqualTo("tablet");
        assertThat(SurveyDefinition.device("tv")).isEqualTo("desktop");
    }
}
