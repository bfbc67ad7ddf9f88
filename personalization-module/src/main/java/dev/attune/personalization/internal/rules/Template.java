package dev.attune.personalization.internal.rules;

import dev.attune.personalization.api.RuleService;
import dev.attune.platform.api.InvalidInputException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message template with profile placeholders: {@code {{name}}} or {@code {{name|fallback}}}, names from
 * {@link RuleService#PLACEHOLDERS}. Parsed once (unknown names refused with the field's path); rendered as plain text
 * (the widget shows it as text, never as HTML). A placeholder without a value and without a fallback renders empty.
 */
record Template(List<Part> parts) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z]*)\\s*(?:\\|([^}]*))?}}");

    /** Literal text (name null) or a placeholder with its fallback. */
    record Part(String text, String name, String fallback) {}

    static Template parse(String source, String at, List<FieldError> errors) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(source);
        int from = 0;
        while (m.find()) {
            if (m.start() > from) {
                parts.add(new Part(source.substring(from, m.start()), null, null));
            }
            String name = m.group(1);
            if (!RuleService.PLACEHOLDERS.contains(name)) {
                errors.add(new FieldError(
                        at,
                        "unknown placeholder {{" + name + "}}; known: " + String.join(", ", RuleService.PLACEHOLDERS)));
            }
            parts.add(
                    new Part(null, name, m.group(2) == null ? null : m.group(2).strip()));
            from = m.end();
        }
        if (from < source.length()) {
            parts.add(new Part(source.substring(from), null, null));
        }
        String rest = PLACEHOLDER.matcher(source).replaceAll("");
        if (rest.contains("{{") || rest.contains("}}")) {
            errors.add(new FieldError(
                    at, "has an unclosed or malformed placeholder: write {{name}} or {{name|fallback}}"));
        }
        return new Template(List.copyOf(parts));
    }

    /** The names it uses. */
    List<String> names() {
        return parts.stream()
                .filter(p -> p.name() != null)
                .map(Part::name)
                .distinct()
                .toList();
    }

    String render(Function<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p.name() == null) {
                out.append(p.text());
            } else {
                String v = values.apply(p.name());
                out.append(v == null || v.isBlank() ? (p.fallback() == null ? "" : p.fallback()) : v);
            }
        }
        return out.toString().replaceAll(" {2,}", " ").strip();
    }

    String render(Map<String, String> values) {
        return render(values::get);
    }
}
