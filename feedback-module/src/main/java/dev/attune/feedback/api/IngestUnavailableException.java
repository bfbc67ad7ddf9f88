package dev.attune.feedback.api;

/** Events could not be stored right now; nothing was acknowledged, so the sender retries with the same ids. */
public class IngestUnavailableException extends RuntimeException {
    public IngestUnavailableException(String message) {
        super(message);
    }
}
