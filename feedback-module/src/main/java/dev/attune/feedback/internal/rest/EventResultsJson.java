package dev.attune.feedback.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SubmissionResult;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.json.JsonArrayBuilder;
import java.util.List;

/** One result per event of a batch, in its order: the stored outcome, or rejected with its errors. */
public final class EventResultsJson {
    private EventResultsJson() {}

    /** {@code rejected.get(i)} is null for the events that were submitted; {@code results} follow them in order. */
    public static JsonArrayBuilder results(List<SubmissionResult> results, List<List<FieldError>> rejected) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        int next = 0;
        for (int i = 0; i < rejected.size(); i++) {
            if (rejected.get(i) == null) {
                SubmissionResult r = results.get(next++);
                list.add(JSON.createObjectBuilder()
                        .add("index", i)
                        .add("id", r.eventId().toString())
                        .add("status", r.status().wireName()));
            } else {
                list.add(JSON.createObjectBuilder()
                        .add("index", i)
                        .add("status", "rejected")
                        .add("errors", errors(rejected.get(i))));
            }
        }
        return list;
    }

    public static JsonArrayBuilder errors(List<FieldError> errors) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        errors.forEach(
                f -> list.add(JSON.createObjectBuilder().add("field", f.field()).add("message", f.message())));
        return list;
    }
}
