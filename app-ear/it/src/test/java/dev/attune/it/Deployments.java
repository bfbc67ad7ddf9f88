package dev.attune.it;

import java.io.File;
import java.net.URISyntaxException;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.hamcrest.Matcher;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real EAR as the build produced it, optionally with test classes added to its web module. */
public final class Deployments {
    private static final String WEB_MODULE = "attune-web.war";

    private Deployments() {}

    private static File jarOf(Class<?> type) {
        try {
            return new File(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("attune.ear", "../ear/target/attune.ear"));
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }

    /** In-container tests run inside the web module, where the modules' beans live. */
    public static EnterpriseArchive earWith(Class<?>... testClasses) {
        EnterpriseArchive ear = ear();
        WebArchive web = ear.getAsType(WebArchive.class, WEB_MODULE);
        web.addClasses(testClasses);
        web.addAsLibrary(jarOf(Assertions.class));
        web.addAsLibrary(jarOf(Awaitility.class));
        web.addAsLibrary(jarOf(Matcher.class)); // Awaitility's own dependency
        ear.delete(WEB_MODULE);
        ear.addAsModule(web);
        return ear;
    }
}
