package dev.attune.admin.collect;

import static dev.attune.platform.api.JsonSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurveyQuestionRowTest {

    @Test
    void a_choice_question_writes_its_options_and_choice_rules() {
        SurveyQuestionRow row = new SurveyQuestionRow("q2");
        row.type.setValue("multiple_choice");
        row.text.setValue(" What did you like? ");
        row.options.setValue("Price, Speed, ,Price");
        row.rules.setValue("Price -> end; Speed -> q4");
        row.next.setValue("q5");
        row.required.setValue(false);
        List<String> errors = new ArrayList<>();

        JsonObject q = row.toJson(errors);

        assertThat(errors).isEmpty();
        assertThat(row.options.isVisible()).isTrue();
        assertThat(q.toString())
                .isEqualTo(
                        "{\"id\":\"q2\",\"type\":\"multiple_choice\",\"text\":\"What did you like?\",\"required\":false,"
                                + "\"options\":[\"Price\",\"Speed\"],\"branches\":[{\"choice\":\"Price\",\"goto\":\"end\"},{\"choice\":\"Speed\",\"goto\":\"q4\"}],"
                                + "\"next\":\"q5\"}");
    }

    @Test
    void score_ranges_may_be_open_on_one_side() {
        SurveyQuestionRow row = new SurveyQuestionRow("q1");
        row.text.setValue("Recommend us?");
        row.rules.setValue("-6 -> q2\n9- -> end");

        JsonObject q = row.toJson(new ArrayList<>());

        assertThat(q.getJsonArray("branches").toString())
                .isEqualTo("[{\"max\":6.0,\"goto\":\"q2\"},{\"min\":9.0,\"goto\":\"end\"}]");
    }

    @Test
    void a_stored_question_reads_back_as_it_was_written() {
        SurveyQuestionRow row = new SurveyQuestionRow("");
        row.fill(JSON.createReader(new StringReader("{\"id\":\"q1\",\"type\":\"nps\",\"text\":\"Recommend us?\","
                        + "\"branches\":[{\"min\":0,\"max\":6.5,\"goto\":\"q2\"}],\"next\":\"end\"}"))
                .readObject());

        assertThat(row.rules.getValue()).isEqualTo("0-6.5 -> q2");
        assertThat(row.next.getValue()).isEqualTo("end");
        assertThat(row.required.getValue()).isTrue();
    }

    @Test
    void remove_takes_the_question_out_of_the_form() {
        VerticalLayout questions = new VerticalLayout();
        SurveyQuestionRow row = new SurveyQuestionRow("q1");
        questions.add(row, new SurveyQuestionRow("q2"));

        row.remove.click();

        assertThat(questions.getComponentCount()).isEqualTo(1);
        assertThat(row.getParent()).isEmpty();
    }
}
