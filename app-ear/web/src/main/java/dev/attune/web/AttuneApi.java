package dev.attune.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

@ApplicationPath("api")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Attune API",
                        version = "v1",
                        description =
                                "Public ingest (site keys) and admin API (console users, HTTP Basic). Errors are RFC 9457 problem+json.",
                        license = @License(name = "Apache-2.0")))
public class AttuneApi extends Application {}
