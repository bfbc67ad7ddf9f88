package dev.attune.admin.components;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * The header's light/dark switch. Lumo's dark variant is the {@code theme="dark"} attribute on the page's
 * {@code <html>} element; the choice is kept in this browser's local storage ({@value #STORAGE_KEY}) and applied from
 * the page's head on every load ({@link #APPLY_STORED}, added by the app shell), so a reload keeps it and nothing is
 * stored on the server. Charts ({@code EChart}) redraw themselves when the attribute changes.
 */
public class ThemeToggle extends Button {
    /** Where the choice is kept: {@code dark} or {@code light}. */
    public static final String STORAGE_KEY = "attune-theme";

    /** Runs first in the page's head: applies the stored choice. Local storage may be refused (privacy settings). */
    public static final String APPLY_STORED = "try { if (localStorage.getItem('" + STORAGE_KEY + "') === 'dark') "
            + "{ document.documentElement.setAttribute('theme', 'dark'); } } catch (e) { }";

    /** Applies the stored choice (if the head script did not run) and answers what is shown now. */
    private static final String READ =
            APPLY_STORED + "; return document.documentElement.getAttribute('theme') === 'dark' ? 'dark' : 'light';";

    /** Shows and remembers {@code $0} ({@code dark} or {@code light}). */
    private static final String APPLY = """
            const html = document.documentElement;
            if ($0 === 'dark') { html.setAttribute('theme', 'dark'); } else { html.removeAttribute('theme'); }
            try { localStorage.setItem('%s', $0); } catch (e) { }""".formatted(STORAGE_KEY);

    private boolean dark;

    public ThemeToggle() {
        setId("theme-toggle");
        addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        addClickListener(e -> show(!dark, true));
        show(false, false);
    }

    /** Whether the dark theme is on. */
    public boolean isDark() {
        return dark;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        getElement().executeJs(READ).then(String.class, mode -> show("dark".equals(mode), false));
    }

    private void show(boolean on, boolean apply) {
        dark = on;
        setIcon(on ? VaadinIcon.SUN_O.create() : VaadinIcon.MOON_O.create());
        String label = on ? "Switch to the light theme" : "Switch to the dark theme";
        setAriaLabel(label);
        setTooltipText(label);
        getElement().setAttribute("data-theme", on ? "dark" : "light");
        if (apply) {
            getElement().executeJs(APPLY, on ? "dark" : "light");
        }
    }
}
