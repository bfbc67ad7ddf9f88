package dev.attune.admin.govern;

/** What "Run now" can run: its id suffix, label, and what it deletes (the audit target of a run asked for by hand). */
enum RetentionJob {
    EVENTS("events", "Event retention", "feedback.event"),
    PROFILES("profiles", "Profile retention", "personalization.profile"),
    AUDIT("audit", "Audit retention", "platform.audit_entry");

    final String id;
    final String label;
    final String target;

    RetentionJob(String id, String label, String target) {
        this.id = id;
        this.label = label;
        this.target = target;
    }

    /** The label of the job with this id, or "Retention" for one this console does not know. */
    static String label(String id) {
        for (RetentionJob j : values()) {
            if (j.id.equals(id)) {
                return j.label;
            }
        }
        return "Retention";
    }
}
