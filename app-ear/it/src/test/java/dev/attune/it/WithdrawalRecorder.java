package dev.attune.it;

import dev.attune.feedback.api.ConsentWithdrawn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-container: what a downstream module would hear of consent withdrawals. */
@ApplicationScoped
public class WithdrawalRecorder {
    static final List<ConsentWithdrawn> HEARD = new CopyOnWriteArrayList<>();

    void on(@Observes ConsentWithdrawn event) {
        HEARD.add(event);
    }
}
