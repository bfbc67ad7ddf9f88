package dev.attune.platform.api;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider, looked up once. {@code jakarta.json.JSON.createObjectBuilder()} and its siblings look the
 * provider up again on every call, which in Payara walks the OSGi and ServiceLoader registries: measured at almost
 * half the server's CPU time under batched ingest. Use {@code JsonSupport.JSON.createObjectBuilder()} instead.
 */
public final class JsonSupport {
    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonSupport() {}
}
