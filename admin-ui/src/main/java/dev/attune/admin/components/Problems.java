package dev.attune.admin.components;

import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a module refused, as the console shows it: bad input field by field ({@link InvalidInputException}) or a
 * refusal with its reason ({@link ApiProblem}, e.g. a 409 merge of two user ids), as an error notification.
 */
public final class Problems {

    private Problems() {}

    /** Shows the refusal as an error notification. */
    public static void show(RuntimeException e) {
        Notification n = Notification.show(describe(e), 8000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** The bad input behind a refusal, if that is what it was. */
    public static Optional<InvalidInputException> invalidInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException invalid) {
                return Optional.of(invalid);
            }
        }
        return Optional.empty();
    }

    /**
     * Shows a refusal on a form: each bad field on its component (keyed by the field name the module reports), what
     * no component shows, or any other refusal, as one line in {@code general}.
     */
    public static void showOnForm(Throwable e, Map<String, ? extends HasValidation> fields, HasText general) {
        Optional<InvalidInputException> invalid = invalidInput(e);
        if (invalid.isEmpty()) {
            general.setText(describe(e));
            return;
        }
        List<String> rest = new ArrayList<>();
        for (InvalidInputException.FieldError error : invalid.get().errors()) {
            HasValidation field = fields.get(error.field());
            if (field == null) {
                rest.add(error.field() + " " + error.message());
            } else {
                field.setErrorMessage(capitalized(error.message()));
                field.setInvalid(true);
            }
        }
        general.setText(rest.isEmpty() ? "" : invalid.get().title() + ": " + String.join("; ", rest));
    }

    /** Clears what {@link #showOnForm} marked. */
    public static void clearForm(Map<String, ? extends HasValidation> fields, HasText general) {
        fields.values().forEach(f -> f.setInvalid(false));
        general.setText("");
    }

    /** A module's "is taken" or "must have ..." as a sentence under the field: "This is taken", "Must have ...". */
    private static String capitalized(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        return message.startsWith("is ")
                ? "This " + message
                : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    /** One line: the problem's title and detail, or every bad field with what is wrong with it. */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException invalid) {
                return invalid.title() + ": "
                        + invalid.errors().stream()
                                .map(f -> f.field() + " " + f.message())
                                .collect(Collectors.joining("; "));
            }
            if (t instanceof ApiProblem problem) {
                return problem.title() + ": " + problem.getMessage();
            }
        }
        return "Failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
    }
}
