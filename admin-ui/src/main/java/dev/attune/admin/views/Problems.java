package dev.attune.admin.views;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.InvalidInputException;
import java.util.stream.Collectors;

/**
 * What a module refused, as the console shows it: bad input field by field ({@link InvalidInputException}) or a
 * refusal with its reason ({@link ApiProblem}, e.g. a 409 merge of two user ids), as an error notification.
 */
final class Problems {

    private Problems() {
    }

    /** Shows the refusal as an error notification. */
    static void show(RuntimeException e) {
        Notification n = Notification.show(describe(e), 8000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** One line: the problem's title and detail, or every bad field with what is wrong with it. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException invalid) {
                return invalid.title() + ": " + invalid.errors().stream().map(f -> f.field() + " " + f.message())
                        .collect(Collectors.joining("; "));
            }
            if (t instanceof ApiProblem problem) {
                return problem.title() + ": " + problem.getMessage();
            }
        }
        return "Failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
    }
}
