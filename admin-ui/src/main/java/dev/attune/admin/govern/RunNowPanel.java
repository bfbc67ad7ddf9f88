package dev.attune.admin.govern;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.EnumMap;
import java.util.Map;

/**
 * "Run now": a button per retention job, each with a progress bar shown while the job runs. Only admins may press them;
 * a press is reported as a {@link RunEvent} (the button stays disabled until the view calls {@link #stopped}).
 */
class RunNowPanel extends Div {
    private final boolean admin;
    private final Map<RetentionJob, Button> buttons = new EnumMap<>(RetentionJob.class);
    private final Map<RetentionJob, ProgressBar> progress = new EnumMap<>(RetentionJob.class);

    RunNowPanel(boolean admin) {
        this.admin = admin;
        HorizontalLayout bar = new HorizontalLayout();
        bar.setAlignItems(Alignment.CENTER);
        bar.setWrap(true);
        for (RetentionJob job : RetentionJob.values()) {
            Button run = new Button(job.label, VaadinIcon.PLAY.create(), e -> {
                if (this.admin) {
                    fireEvent(new RunEvent(this, job));
                } else {
                    e.getSource().setEnabled(false);
                }
            });
            run.setId("retention-run-" + job.id);
            run.setDisableOnClick(true);
            run.setEnabled(admin);
            run.setTooltipText(
                    admin
                            ? "Apply "
                                    + switch (job) {
                                        case EVENTS -> "every site's raw event retention";
                                        case PROFILES -> "every site's profile retention";
                                        case AUDIT -> "the audit log's retention";
                                    }
                                    + " now"
                            : "Only admins run retention");
            ProgressBar indicator = new ProgressBar();
            indicator.setIndeterminate(true);
            indicator.setWidth("6rem");
            indicator.setVisible(false);
            indicator.setId("retention-run-" + job.id + "-progress");
            buttons.put(job, run);
            progress.put(job, indicator);
            bar.add(run, indicator);
        }
        add(bar);
        setWidthFull();
        if (!admin) {
            Paragraph p = new Paragraph("Only admins run retention by hand.");
            p.setId("retention-run-admins-only");
            p.addClassNames(
                    LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Vertical.NONE);
            add(p);
        }
    }

    /** The job runs: its progress bar shows. */
    void started(RetentionJob job) {
        progress.get(job).setVisible(true);
    }

    /** The job ended, or never started: its progress bar hides and its button takes presses again. */
    void stopped(RetentionJob job) {
        progress.get(job).setVisible(false);
        buttons.get(job).setEnabled(admin);
    }

    Button button(RetentionJob job) {
        return buttons.get(job);
    }

    ProgressBar progress(RetentionJob job) {
        return progress.get(job);
    }

    Registration addRunListener(ComponentEventListener<RunEvent> listener) {
        return addListener(RunEvent.class, listener);
    }

    /** An admin asked for a job to run now. */
    static final class RunEvent extends ComponentEvent<RunNowPanel> {
        private final RetentionJob job;

        RunEvent(RunNowPanel source, RetentionJob job) {
            super(source, false);
            this.job = job;
        }

        RetentionJob job() {
            return job;
        }
    }
}
