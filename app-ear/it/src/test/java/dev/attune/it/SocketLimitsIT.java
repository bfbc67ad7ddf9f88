package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Written as the attacks: one address opening socket after socket, and one socket flooding the server with messages
 * of a type that stores nothing (pings). Both are cut off with the documented close codes; others keep working.
 */
@AttuneIT
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SocketLimitsIT {
    private static final String ORIGIN = "https://shop.example.com";
    private final Api api = new Api(AttuneServerExtension.server().baseUrl());

    /** After the flood (order 1): the server still answers at once (a flood once held it up for 30 s). */
    @Test
    @Order(2)
    void one_address_cannot_hold_more_than_its_sockets() throws Exception {
        String key = api.createSite("Socket flood " + UUID.randomUUID()).getString("publicKey");
        List<CollectSocketIT.Client> held = new ArrayList<>();
        Integer refusedWith = null;
        try {
            // the test server allows 40 per address (ATTUNE_WIDGET_SOCKETS_PER_ADDRESS); other tests may hold a few
            for (int i = 0; i < 45 && refusedWith == null; i++) {
                CollectSocketIT.Client socket = CollectSocketIT.connect(key, ORIGIN);
                JsonObject first = socket.poll(java.time.Duration.ofSeconds(10));
                if (first != null && "ready".equals(first.getString("type"))) {
                    held.add(socket);
                } else {
                    refusedWith = socket.closed().get(10, TimeUnit.SECONDS);
                }
            }
            assertThat(refusedWith).as("a socket beyond the limit is closed").isEqualTo(1013);
            assertThat(held).hasSizeLessThanOrEqualTo(40).hasSizeGreaterThan(30);
        } finally {
            held.forEach(CollectSocketIT.Client::close);
        }
        // the count goes down as sockets close: a visitor can connect again
        CollectSocketIT.Client again = Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(
                        () -> {
                            CollectSocketIT.Client socket = CollectSocketIT.connect(key, ORIGIN);
                            JsonObject first = socket.poll(java.time.Duration.ofSeconds(5));
                            return first != null && "ready".equals(first.getString("type")) ? socket : null;
                        },
                        java.util.Objects::nonNull);
        again.close();
    }

    @Test
    @Order(1)
    void a_socket_flooding_messages_is_closed_for_policy() throws Exception {
        String key = api.createSite("Message flood " + UUID.randomUUID()).getString("publicKey");
        CollectSocketIT.Client socket = CollectSocketIT.connect(key, ORIGIN);
        assertThat(socket.next().getString("type")).isEqualTo("ready");

        for (int sent = 0; sent < 500 && !socket.closed().isDone(); sent++) {
            try {
                socket.socket.sendText("{\"type\":\"ping\"}", true).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException closedMeanwhile) {
                break; // the server closed the socket between our check and this send
            }
        }

        // the server answers at most the burst (60) and what refills meanwhile, then closes with 1008; a client still
        // writing may see its connection reset before it reads the close frame, so either ending is accepted
        Integer code;
        try {
            code = socket.closed().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException resetWhileWriting) {
            code = null;
        }
        if (code != null) {
            assertThat(code).isEqualTo(1008);
        }
        int pongs = 0;
        while (socket.poll(java.time.Duration.ofMillis(200)) != null) {
            pongs++;
        }
        assertThat(pongs).as("pings answered before the close").isLessThan(150);
        // a well-behaved socket of the same site is unaffected
        CollectSocketIT.Client calm = CollectSocketIT.connect(key, ORIGIN);
        assertThat(calm.next().getString("type")).isEqualTo("ready");
        calm.send("{\"type\":\"ping\",\"ref\":\"p\"}");
        assertThat(calm.next().getString("type")).isEqualTo("pong");
        calm.close();
    }
}
