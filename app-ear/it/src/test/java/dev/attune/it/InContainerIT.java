package dev.attune.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test that runs inside the server with test classes added to the EAR (a test-only stage, injected
 * beans): the shared test server first, then Arquillian deploys the class's own EAR in place of the shared one.
 * These classes run first (junit-platform.properties orders classes by {@link Order}), so the shared EAR is
 * deployed once after them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AttuneServerExtension.class)
@ExtendWith(ArquillianExtension.class)
@Order(1)
public @interface InContainerIT {}
