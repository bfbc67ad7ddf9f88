package dev.attune.admin.components;

import com.vaadin.flow.component.html.Span;

/** Lumo's small pill badges, the console's way of showing a status, a kind or a role in a line or a grid cell. */
public final class Badges {

    private Badges() {}

    /** A badge with Lumo's theme variant ({@code success}, {@code error}, {@code contrast}, ...; blank for the default). */
    public static Span badge(String text, String variant) {
        Span badge = new Span(text);
        badge.getElement()
                .getThemeList()
                .add("badge pill small" + (variant == null || variant.isEmpty() ? "" : " " + variant));
        return badge;
    }
}
