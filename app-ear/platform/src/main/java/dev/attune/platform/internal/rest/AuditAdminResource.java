package dev.attune.platform.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditTrail;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import dev.attune.platform.internal.audit.AuditRetentionJob;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log for auditors: search, and verification of the hash chain. */
@Path("v1/admin/audit")
@RequestScoped
@Tag(name = "Admin: audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
public class AuditAdminResource {
    @Inject
    AuditTrail trail;

    @Inject
    AuditLog audit;

    @GET
    @Operation(
            summary = "Search the audit log",
            description = "?actor=&action=(prefix)&target=(contains)&text=(in detail)&outcome=SUCCESS|FAILURE|DENIED"
                    + "&from=&to=(ISO instants)&offset=0&limit=100; newest first, with the total.")
    public String search(
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("target") String target,
            @QueryParam("text") String text,
            @QueryParam("outcome") String outcome,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        AuditTrail.Query q =
                new AuditTrail.Query(actor, action, target, text, outcome, instant(from, "from"), instant(to, "to"));
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (AuditTrail.Entry e : trail.search(q, offset == null ? 0 : offset, limit == null ? 100 : limit)) {
            JsonObjectBuilder o = JSON.createObjectBuilder()
                    .add("id", e.id())
                    .add("at", e.at().toString())
                    .add("actor", e.actor())
                    .add("action", e.action())
                    .add("outcome", e.outcome())
                    .add("hash", e.hash())
                    .add(
                            "detail",
                            JSON.createReader(new StringReader(e.detail())).readValue());
            o.add("target", e.target() == null ? "" : e.target());
            o.add("sourceIp", e.sourceIp() == null ? "" : e.sourceIp());
            list.add(o);
        }
        return JSON.createObjectBuilder()
                .add("total", trail.count(q))
                .add("entries", list)
                .build()
                .toString();
    }

    @GET
    @Path("verify")
    @Operation(
            summary = "Verify the hash chain",
            description =
                    "Recomputes every entry's hash from its content and its predecessor's; "
                            + "answers how many were checked and the first entry that does not match (altered or removed), if any. Audited.")
    public String verify() {
        AuditLog.ChainVerification v = audit.verifyChain();
        audit.record(
                "audit.verify",
                "platform.audit_entry",
                v.intact() ? AuditLog.AuditOutcome.SUCCESS : AuditLog.AuditOutcome.FAILURE,
                v.intact()
                        ? Map.of("checked", v.entriesChecked())
                        : Map.of("checked", v.entriesChecked(), "firstBroken", v.firstBrokenEntryId()));
        JsonObjectBuilder o =
                JSON.createObjectBuilder().add("intact", v.intact()).add("checked", v.entriesChecked());
        if (v.firstBrokenEntryId() != null) {
            o.add("firstBrokenEntry", v.firstBrokenEntryId());
        }
        return o.build().toString();
    }

    @Inject
    AuditRetentionJob retention;

    @POST
    @Path("retention")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Run the audit retention now",
            description = "Deletes entries older than attune.audit.retention-days (also run "
                    + "every night) and re-anchors the chain; answers how many were deleted. The run is audited.")
    public String runRetention() {
        long deleted = retention.run();
        return JSON.createObjectBuilder()
                .add("deleted", deleted)
                .add("retentionDays", retention.days())
                .build()
                .toString();
    }

    private static Instant instant(String s, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, "must be an ISO-8601 instant such as 2026-11-23T00:00:00Z");
        }
    }
}
