package dev.attune.feedback.api;

/**
 * Where a submission came from, for the integrity screen: the channel, the client's address and the user agent of
 * the connection (a browser's for the widget; a server's own for REST with the secret key, where the event's
 * {@code context.userAgent} speaks for the visitor).
 */
public record IngestSource(Channel channel, String clientAddress, String userAgent) {
    public enum Channel {
        BROWSER,
        SERVER,
        CONSOLE
    }

    public static final IngestSource UNKNOWN_SERVER = new IngestSource(Channel.SERVER, null, null);

    public boolean browser() {
        return channel == Channel.BROWSER;
    }
}
