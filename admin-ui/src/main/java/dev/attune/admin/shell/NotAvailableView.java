package dev.attune.admin.shell;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.attune.admin.dashboard.OverviewView;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown for unknown routes and for views the user's role may not open: the access check answers "not found" on
 * purpose, so the console does not reveal which views exist to roles that cannot use them. The page itself is open
 * to everyone (it says nothing), or the access check would refuse the error page too.
 */
@ParentLayout(MainLayout.class)
@AnonymousAllowed
public class NotAvailableView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        setId("not-available");
        add(
                new H2("Not available"),
                new Paragraph("This page does not exist or is not available to your role ('"
                        + event.getLocation().getPath() + "'). Ask an administrator if you need access."),
                new RouterLink("Back to the overview", OverviewView.class));
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
