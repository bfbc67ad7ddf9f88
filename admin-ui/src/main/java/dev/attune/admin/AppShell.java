package dev.attune.admin;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Inline;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.component.page.TargetElement;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.shared.ui.Transport;
import dev.attune.admin.components.ThemeToggle;

/**
 * Page-level settings of the console. Lumo, the default theme, keeps the pre-compiled production bundle usable.
 *
 * <p>Server push (the dashboard's live refresh, background runs reporting back) goes down a WebSocket, while everything
 * the browser sends still goes up as ordinary XHR requests ({@link Transport#WEBSOCKET_XHR}): the console reads the
 * signed-in user and their roles from the servlet request ({@code CurrentUser}, the navigation access check), and the
 * audit log reads the caller and their address from the request too, none of which exist for a message arriving on a
 * WebSocket. XHR also keeps each click a request the session timeout sees. Should the WebSocket not connect (a proxy
 * that does not pass it), Atmosphere falls back to long polling on its own.
 *
 * <p>The light or dark theme the user chose last in this browser is applied from the page's head, before the console
 * draws, so a reload does not flash light first ({@link ThemeToggle}).
 */
@Meta(name = "robots", content = "noindex")
@Push(transport = Transport.WEBSOCKET_XHR)
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addInlineWithContents(
                TargetElement.HEAD, Inline.Position.PREPEND, ThemeToggle.APPLY_STORED, Inline.Wrapping.JAVASCRIPT);
    }
}
