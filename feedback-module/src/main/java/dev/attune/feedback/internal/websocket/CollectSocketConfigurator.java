package dev.attune.feedback.internal.websocket;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/** Carries what the handshake tells about the browser (its Origin, Global Privacy Control) into the session. */
public class CollectSocketConfigurator extends ServerEndpointConfig.Configurator {
    static final String ORIGIN = "attune.origin";
    static final String GPC = "attune.gpc";
    static final String USER_AGENT = "attune.userAgent";
    /** Subjects this connection already applied the browser's privacy signal to. */
    static final String SIGNALLED = "attune.signalled";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().put(ORIGIN, first(request, "Origin"));
        String userAgent = first(request, "User-Agent");
        if (userAgent != null) {
            config.getUserProperties().put(USER_AGENT, userAgent);
        }
        // Global Privacy Control and Do Not Track both withdraw personalization and marketing.
        config.getUserProperties().put(GPC, "1".equals(first(request, "Sec-GPC")) || "1".equals(first(request, "DNT")));
    }

    private static String first(HandshakeRequest request, String header) {
        for (var entry : request.getHeaders().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(header)) {
                List<String> values = entry.getValue();
                return values == null || values.isEmpty() ? null : values.get(0);
            }
        }
        return null;
    }
}
