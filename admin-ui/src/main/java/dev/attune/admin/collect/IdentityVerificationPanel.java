package dev.attune.admin.collect;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import dev.attune.feedback.api.SiteSummary;

/**
 * A site's identity verification in the Manage dialog: whether browsers must sign identify calls, and the secret the
 * site's server signs with (shown on request, rotated on request). Reports through events; the view calls the modules
 * and shows the secret back ({@link #showSecret}).
 */
class IdentityVerificationPanel extends VerticalLayout {
    final Checkbox required = new Checkbox("Require verified identify calls from browsers (userHash)");
    final Button reveal = new Button("Show verification secret");
    final Button rotate = new Button("Rotate verification secret");
    final TextField secret = new TextField("Verification secret (server side only)");

    IdentityVerificationPanel(SiteSummary site) {
        setPadding(false);
        setSpacing(false);
        required.setId("identity-verification");
        required.setValue(site.identityVerification());
        required.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                fireEvent(new RequiredChanged(this, e.getValue()));
            }
        });
        reveal.setId("verification-reveal");
        reveal.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        reveal.addClickListener(e -> fireEvent(new RevealRequested(this)));
        rotate.setId("verification-rotate");
        rotate.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        rotate.addClickListener(e -> fireEvent(new RotateRequested(this)));
        secret.setId("verification-secret");
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.setVisible(false);
        secret.setHelperText("Your server computes hex(HMAC-SHA256(key = secret, message = user id)) and the page "
                + "passes it: attune.identify(userId, traits, userHash). Never put the secret in a page.");
        add(
                required,
                new Paragraph("Without it, a browser's identify is only a claim that never joins a customer your "
                        + "server identified; with it, a stranger who knows a customer's id cannot act as them."),
                new HorizontalLayout(reveal, rotate),
                secret);
    }

    void showSecret(String value) {
        secret.setValue(value);
        secret.setVisible(true);
    }

    Registration addRequiredChangedListener(ComponentEventListener<RequiredChanged> listener) {
        return addListener(RequiredChanged.class, listener);
    }

    Registration addRevealListener(ComponentEventListener<RevealRequested> listener) {
        return addListener(RevealRequested.class, listener);
    }

    Registration addRotateListener(ComponentEventListener<RotateRequested> listener) {
        return addListener(RotateRequested.class, listener);
    }

    static final class RequiredChanged extends ComponentEvent<IdentityVerificationPanel> {
        private final boolean required;

        RequiredChanged(IdentityVerificationPanel source, boolean required) {
            super(source, false);
            this.required = required;
        }

        boolean required() {
            return required;
        }
    }

    static final class RevealRequested extends ComponentEvent<IdentityVerificationPanel> {
        RevealRequested(IdentityVerificationPanel source) {
            super(source, false);
        }
    }

    static final class RotateRequested extends ComponentEvent<IdentityVerificationPanel> {
        RotateRequested(IdentityVerificationPanel source) {
            super(source, false);
        }
    }
}
