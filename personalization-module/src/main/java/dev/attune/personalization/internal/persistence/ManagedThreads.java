package dev.attune.personalization.internal.persistence;

import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** The module's background threads: the container's default managed thread factory, or plain daemon threads without one. */
public final class ManagedThreads {
    private static final Logger LOG = Logger.getLogger(ManagedThreads.class.getName());

    private ManagedThreads() {}

    /** Threads with the application's context when the container offers them; otherwise daemon threads named {@code name}. */
    public static ThreadFactory factory(String name) {
        try {
            return InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.FINE, "No default managed thread factory; " + name + " runs on a plain thread", e);
            return r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            };
        }
    }
}
