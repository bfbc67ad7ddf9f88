package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.ItemCatalog;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import dev.attune.platform.api.Problems;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The item catalog: a site's server puts items in batches; the console reads them. */
@Path("v1")
@RequestScoped
@Tag(name = "Items")
@Produces(MediaType.APPLICATION_JSON)
public class ItemsResource {

    @Inject
    ItemCatalog catalog;

    @Inject
    SiteService sites;

    @PUT
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Put items (batch)",
            description = "Authorization: Bearer <secret key>. {\"items\":[{\"id\",\"title\",\"categories\":[…],"
                    + "\"price\":12.5,\"tags\":[…],\"available\":true,\"url\"}, …]} (up to 1,000). New items need a title; absent fields keep what "
                    + "is stored. Answers 200 with a result per item when all were stored, 207 when some were refused (their field errors), 400 "
                    + "when none was.")
    public Response put(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
        SiteSummary site = authenticate(authorization);
        JsonObject json = RestJson.read(body);
        if (!(json.get("items") instanceof JsonArray array)
                || array.isEmpty()
                || array.size() > ItemCatalog.MAX_BATCH) {
            throw InvalidInputException.of("items", "must be a list of 1 to " + ItemCatalog.MAX_BATCH + " items");
        }
        List<ItemCatalog.ItemInput> inputs = new ArrayList<>();
        List<List<FieldError>> shapeErrors = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            List<FieldError> errors = new ArrayList<>();
            inputs.add(input(array.get(i), "items/" + i + "/", errors));
            shapeErrors.add(errors);
        }
        // items whose JSON is of the wrong shape are refused here; the others go to the catalog together
        List<ItemCatalog.ItemInput> good = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (shapeErrors.get(i).isEmpty()) {
                good.add(inputs.get(i));
            }
        }
        List<ItemCatalog.Result> stored = good.isEmpty() ? List.of() : catalog.put(site.id(), good);
        JsonArrayBuilder results = JSON.createArrayBuilder();
        List<FieldError> refusals = new ArrayList<>();
        int ok = 0;
        int next = 0;
        for (int i = 0; i < inputs.size(); i++) {
            List<FieldError> errors = shapeErrors.get(i);
            String id = inputs.get(i) == null ? null : inputs.get(i).id();
            if (errors.isEmpty()) {
                ItemCatalog.Result r = stored.get(next++);
                errors = renumber(r.errors(), i);
            }
            var o = JSON.createObjectBuilder().add("index", i).add("status", errors.isEmpty() ? "stored" : "rejected");
            if (id != null) {
                o.add("id", id);
            }
            if (!errors.isEmpty()) {
                refusals.addAll(errors);
                JsonArrayBuilder list = JSON.createArrayBuilder();
                errors.forEach(e -> list.add(
                        JSON.createObjectBuilder().add("field", e.field()).add("message", e.message())));
                o.add("errors", list);
            } else {
                ok++;
            }
            results.add(o);
        }
        if (ok == 0) {
            // nothing stored: a problem like every refusal, naming each bad field, with the per-item results kept
            JsonObject problem = JSON.createReader(new StringReader(
                            Problems.json(400, "about:blank", "Bad Request", "No item was stored", refusals)))
                    .readObject();
            return Response.status(400)
                    .type(Problems.MEDIA_TYPE)
                    .entity(JSON.createObjectBuilder(problem)
                            .add("stored", 0)
                            .add("rejected", inputs.size())
                            .add("results", results)
                            .build()
                            .toString())
                    .build();
        }
        int status = ok == inputs.size() ? 200 : 207;
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(JSON.createObjectBuilder()
                        .add("stored", ok)
                        .add("rejected", inputs.size() - ok)
                        .add("results", results)
                        .build()
                        .toString())
                .build();
    }

    /** The catalog numbered the good items among themselves: back to their index in the request. */
    private static List<FieldError> renumber(List<FieldError> errors, int index) {
        return errors.stream()
                .map(e -> new FieldError(e.field().replaceFirst("^items/\\d+", "items/" + index), e.message()))
                .toList();
    }

    @GET
    @Path("admin/items")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "A site's items", description = "?site=<id>&q=<id or title part>&offset=0&limit=100")
    public String list(
            @QueryParam("site") String site,
            @QueryParam("q") String q,
            @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        UUID siteId = ProfilesAdminResource.siteId(site);
        JsonArrayBuilder items = JSON.createArrayBuilder();
        for (ItemCatalog.Item i : catalog.list(siteId, q, offset == null ? 0 : offset, limit == null ? 100 : limit)) {
            var o = JSON.createObjectBuilder()
                    .add("id", i.id())
                    .add("title", i.title())
                    .add("available", i.available())
                    .add("fromCatalog", i.fromCatalog())
                    .add("updatedAt", i.updatedAt().toString());
            JsonArrayBuilder categories = JSON.createArrayBuilder();
            i.categories().forEach(categories::add);
            JsonArrayBuilder tags = JSON.createArrayBuilder();
            i.tags().forEach(tags::add);
            o.add("categories", categories).add("tags", tags);
            if (i.price() != null) {
                o.add("price", i.price());
            }
            if (i.url() != null) {
                o.add("url", i.url());
            }
            items.add(o);
        }
        return JSON.createObjectBuilder()
                .add("total", catalog.count(siteId, q))
                .add("items", items)
                .build()
                .toString();
    }

    private SiteSummary authenticate(String authorization) {
        return RestJson.secretKey(sites, authorization);
    }

    private static ItemCatalog.ItemInput input(JsonValue v, String at, List<FieldError> errors) {
        if (!(v instanceof JsonObject o)) {
            errors.add(new FieldError(at.substring(0, at.length() - 1), "must be an item object"));
            return null;
        }
        String id = text(o, "id", at, errors);
        String title = text(o, "title", at, errors);
        String url = text(o, "url", at, errors);
        BigDecimal price = null;
        if (o.containsKey("price") && !o.isNull("price")) {
            if (o.get("price") instanceof JsonNumber n) {
                price = n.bigDecimalValue();
            } else {
                errors.add(new FieldError(at + "price", "must be a number"));
            }
        }
        Boolean available = null;
        if (o.containsKey("available") && !o.isNull("available")) {
            JsonValue a = o.get("available");
            if (a == JsonValue.TRUE || a == JsonValue.FALSE) {
                available = a == JsonValue.TRUE;
            } else {
                errors.add(new FieldError(at + "available", "must be true or false"));
            }
        }
        List<String> categories = strings(o, "categories", at, errors);
        if (categories == null && o.get("genres") instanceof JsonArray) {
            categories = strings(o, "genres", at, errors);
        }
        return new ItemCatalog.ItemInput(id, title, categories, price, strings(o, "tags", at, errors), available, url);
    }

    private static String text(JsonObject o, String field, String at, List<FieldError> errors) {
        if (!o.containsKey(field) || o.isNull(field)) {
            return null;
        }
        if (o.get(field) instanceof JsonString s) {
            return s.getString();
        }
        errors.add(new FieldError(at + field, "must be a string"));
        return null;
    }

    private static List<String> strings(JsonObject o, String field, String at, List<FieldError> errors) {
        if (!o.containsKey(field) || o.isNull(field)) {
            return null;
        }
        if (!(o.get(field) instanceof JsonArray a) || !a.stream().allMatch(x -> x instanceof JsonString)) {
            errors.add(new FieldError(at + field, "must be a list of strings"));
            return null;
        }
        return a.getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }
}
