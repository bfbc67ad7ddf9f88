package dev.attune.platform.api;

import static dev.attune.platform.api.JsonSupport.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a module exports and erases its rows about subjects for {@link PersonalData}: each table is named with the
 * condition that selects a subject's rows ({@code :site}, {@code :subjects} as a text array), and every row
 * is exported whole (as PostgreSQL renders it to JSON), so a column added later is exported without a change here.
 */
public final class PersonalTables {

    /**
     * @param kind  the name in export documents and receipts
     * @param table schema-qualified, owned by the calling module
     * @param where selects the subjects' rows; {@code :site} and {@code :subjects} are the parameters
     */
    public record Table(String kind, String table, String where) {}

    private PersonalTables() {}

    public static JsonObject export(Sql sql, UUID siteId, Set<String> subjects, List<Table> tables) {
        JsonObjectBuilder out = JSON.createObjectBuilder();
        for (Table t : tables) {
            String json = sql.one(
                            "SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb)::text FROM " + t.table() + " x WHERE "
                                    + bind(t.where()),
                            rs -> rs.getString(1),
                            args(t.where(), siteId, subjects))
                    .orElse("[]");
            out.add(t.kind(), JSON.createReader(new StringReader(json)).readArray());
        }
        return out.build();
    }

    /** Deletes in the given order (children before parents); rows deleted per kind. */
    public static Map<String, Long> erase(Sql sql, UUID siteId, Set<String> subjects, List<Table> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Table t : tables) {
            long n = sql.update(
                    "DELETE FROM " + t.table() + " x WHERE " + bind(t.where()), args(t.where(), siteId, subjects));
            counts.merge(t.kind(), n, Long::sum);
        }
        return counts;
    }

    private static String bind(String where) {
        return where.replace(":site", "?").replace(":subjects", "?");
    }

    private static Object[] args(String where, UUID siteId, Set<String> subjects) {
        String[] array = subjects.toArray(String[]::new);
        List<Object> out = new ArrayList<>();
        Matcher m = Pattern.compile(":site|:subjects").matcher(where);
        while (m.find()) {
            out.add(m.group().equals(":site") ? siteId : array);
        }
        return out.toArray();
    }
}
