package dev.attune.admin;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;

/** Page-level settings of the console. Lumo, the default theme, keeps the pre-compiled production bundle usable. */
@Meta(name = "robots", content = "noindex")
public class AppShell implements AppShellConfigurator {
}
