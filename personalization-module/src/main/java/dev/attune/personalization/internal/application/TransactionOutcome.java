package dev.attune.personalization.internal.application;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What to do when a transaction ends: on commit in the order registered, on rollback in reverse. A failing action is
 * logged and the others still run (the transaction's outcome is settled by then).
 */
final class TransactionOutcome implements Synchronization {
    private static final Logger LOG = Logger.getLogger(TransactionOutcome.class.getName());

    private final List<Runnable> onCommit = new ArrayList<>();
    private final List<Runnable> onRollback = new ArrayList<>();

    void onCommit(Runnable action) {
        onCommit.add(action);
    }

    void onRollback(Runnable action) {
        onRollback.add(action);
    }

    @Override
    public void beforeCompletion() {
        // nothing to prepare
    }

    @Override
    public void afterCompletion(int status) {
        List<Runnable> actions = onCommit;
        if (status != Status.STATUS_COMMITTED) {
            actions = new ArrayList<>(onRollback);
            Collections.reverse(actions);
        }
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "An action after the pipeline's transaction ended failed", e);
            }
        }
    }
}
