package dev.attune.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Starts the {@link TestServer} before the first test class and stops it after the last. For a client-side class
 * ({@link AttuneIT}) it makes sure the EAR is deployed, once for all of them; for an in-container class
 * ({@link InContainerIT}, registered before Arquillian's extension) it takes the shared EAR away so Arquillian can
 * deploy the class's own.
 */
public class AttuneServerExtension implements BeforeAllCallback {
    private static final Namespace NAMESPACE = Namespace.create(AttuneServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        TestServer server = server(context);
        if (context.getRequiredTestClass().isAnnotationPresent(InContainerIT.class)) {
            server.undeployShared();
        } else {
            server.deployShared();
        }
    }

    private static volatile TestServer current;

    static TestServer server(ExtensionContext context) {
        current = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent("server", k -> TestServer.start(), TestServer.class);
        return current;
    }

    /** The running server, for client-side tests (started before any test method runs). */
    public static TestServer server() {
        if (current == null) {
            throw new IllegalStateException("No test server: annotate the test class with @AttuneIT");
        }
        return current;
    }
}
