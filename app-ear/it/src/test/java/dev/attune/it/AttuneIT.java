package dev.attune.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test that talks to Attune from outside, as a site, a browser or an admin would: the shared test
 * server with the EAR as the build produced it, deployed once for every such class (see {@link AttuneServerExtension}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AttuneServerExtension.class)
public @interface AttuneIT {}
