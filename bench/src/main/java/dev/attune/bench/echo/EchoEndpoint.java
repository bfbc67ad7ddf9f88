package dev.attune.bench.echo;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The framework's floor: a WebSocket endpoint that answers each message with itself. The WebSocket benchmark deploys
 * it, alone in a WAR, beside Attune on the same server; it is never part of Attune.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {
    @OnMessage
    public void echo(Session session, String message) {
        session.getAsyncRemote().sendText(message);
    }
}
