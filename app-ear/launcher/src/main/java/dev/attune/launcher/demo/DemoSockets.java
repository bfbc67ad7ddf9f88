package dev.attune.launcher.demo;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Visitors on an open page of the shop, through the widget's WebSocket with the public key: each says hello and answers
 * the NPS question badly, and the demo's rule answers the detractor on that socket with an apology (a rule's message
 * needs an open page, which is why this part does not go through the HTTP API).
 */
final class DemoSockets {
    private final DemoApi api;
    private final String publicKey;

    DemoSockets(DemoApi api, String publicKey) {
        this.api = api;
        this.publicKey = publicKey;
    }

    /** Opens a socket per visitor, sends each one's NPS answer and waits for the rule's messages; returns how many came. */
    int detractors(List<DemoVisitor> visitors, int[] scores) throws InterruptedException {
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < visitors.size(); i++) {
            visits.add(new Visit(visitors.get(i), scores[i]));
        }
        for (Visit v : visits) {
            v.open();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int messages = 0;
        for (Visit v : visits) {
            try {
                v.message.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                messages++;
            } catch (Exception e) {
                // no message in time (a slow pipeline, or the visitor was told already today): the answer still counts
            }
            v.close();
        }
        return messages;
    }

    private final class Visit implements WebSocket.Listener {
        final DemoVisitor visitor;
        final int score;
        final CompletableFuture<JsonObject> message = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        Visit(DemoVisitor visitor, int score) {
            this.visitor = visitor;
            this.score = score;
        }

        void open() {
            String ws = api.baseUrl.replaceFirst("^http", "ws") + "/ws/v1/collect?key=" + DemoApi.encode(publicKey);
            try {
                socket = api.client()
                        .newWebSocketBuilder()
                        .header("Origin", api.baseUrl)
                        .connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(URI.create(ws), this)
                        .get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                message.completeExceptionally(e);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            webSocket.request(1);
            if (!last) {
                return null;
            }
            JsonObject m =
                    Json.createReader(new StringReader(partial.toString())).readObject();
            partial.setLength(0);
            switch (m.getString("type", "")) {
                case "ready" -> {
                    String hello = Json.createObjectBuilder()
                            .add("type", "hello")
                            .add("subjectId", visitor.subjectId())
                            .add("url", api.baseUrl + "/demo/")
                            .add("device", visitor.device().kind())
                            .build()
                            .toString();
                    String answer = Json.createObjectBuilder()
                            .add("type", "events")
                            .add("ref", "nps")
                            .add(
                                    "events",
                                    Json.createArrayBuilder()
                                            .add(Json.createObjectBuilder()
                                                    .add(
                                                            "id",
                                                            UUID.nameUUIDFromBytes(
                                                                            ("attune-demo-v3|socket-nps|" + visitor.n())
                                                                                    .getBytes())
                                                                    .toString())
                                                    .add("type", "nps")
                                                    .add("subjectId", visitor.subjectId())
                                                    .add("value", score)))
                            .build()
                            .toString();
                    // a socket takes the next message only once the last one is sent
                    webSocket
                            .sendText(hello, true)
                            .thenCompose(ws -> ws.sendText(answer, true))
                            .exceptionally(e -> {
                                message.completeExceptionally(e);
                                return null;
                            });
                }
                case "message" -> message.complete(m);
                // an answer stored before (a replay) changes nothing, so no rule acts on it: stop waiting
                case "ack" -> {
                    if (m.toString().contains("\"status\":\"duplicate\"")) {
                        message.completeExceptionally(new IllegalStateException("answered before"));
                    }
                }
                case "error", "nack" -> System.out.println("  Demo socket of " + visitor.subjectId() + ": " + m);
                default -> {
                    // acks, surveys and recommendations: a real page would show them
                }
            }
            return null;
        }

        void close() {
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            }
        }
    }
}
