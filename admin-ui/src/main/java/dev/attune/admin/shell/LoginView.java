package dev.attune.admin.shell;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexComponent.JustifyContentMode;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.attune.admin.dashboard.OverviewView;
import dev.attune.admin.security.CurrentUser;
import dev.attune.platform.api.ConsoleLogin;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;

@Route("login")
@PageTitle("Sign in · Attune")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final SecurityContext securityContext;
    private final LoginForm form = new LoginForm();

    @Inject
    public LoginView(SecurityContext securityContext) {
        this.securityContext = securityContext;
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        form.setForgotPasswordButtonVisible(false);
        form.addLoginListener(e -> login(e.getUsername(), e.getPassword()));
        H1 title = new H1("Attune");
        Paragraph tagline = new Paragraph("From feedback to personalization, in real time.");
        tagline.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin-top", "0");
        add(title, tagline, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (CurrentUser.name().isPresent()) {
            event.forwardTo(OverviewView.class);
        }
    }

    private void login(String username, String password) {
        HttpServletRequest request = VaadinServletRequest.getCurrent().getHttpServletRequest();
        AuthenticationStatus status = securityContext.authenticate(
                request,
                VaadinServletResponse.getCurrent().getHttpServletResponse(),
                AuthenticationParameters.withParams()
                        .newAuthentication(true)
                        .credential(new UsernamePasswordCredential(username, password)));
        if (status == AuthenticationStatus.SUCCESS) {
            // A full load starts the console with the new principal on every request of the session.
            getUI().ifPresent(ui -> ui.getPage().setLocation("/admin/"));
            return;
        }
        Object lockedSeconds = request.getAttribute(ConsoleLogin.LOCKED_OUT_SECONDS);
        LoginI18n i18n = LoginI18n.createDefault();
        if (lockedSeconds != null) {
            i18n.getErrorMessage().setTitle("Too many failed attempts");
            i18n.getErrorMessage()
                    .setMessage("Sign-in is paused for this account. Try again in "
                            + Math.max(1, ((Number) lockedSeconds).longValue() / 60) + " min.");
        } else {
            i18n.getErrorMessage().setTitle("Incorrect username or password");
            i18n.getErrorMessage().setMessage("Check that you entered them correctly and try again.");
        }
        form.setI18n(i18n);
        form.setError(true);
        form.setEnabled(true);
    }
}
