package dev.attune.personalization.internal.recommendations;

import dev.attune.personalization.api.ItemCatalog.Item;
import dev.attune.personalization.api.ItemCatalog.ItemInput;
import dev.attune.platform.api.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** The item table: the catalog's items and those learned from events. */
@ApplicationScoped
public class JdbcCatalog {
    private static final String COLUMNS =
            "item_id, title, categories, price, tags, available, url, from_catalog, updated_at";

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    private Sql sql;

    @PostConstruct
    void init() {
        sql = new Sql(dataSource);
    }

    /** Inserts or updates a catalog item (null fields keep the stored value); it is the catalog's from now on. */
    void upsert(UUID siteId, ItemInput in) {
        sql.update(
                """
                INSERT INTO personalization.item AS i (site_id, item_id, title, categories, price, tags, available, url, from_catalog)
                VALUES (?, ?, ?, coalesce(?::text[], '{}'), ?, coalesce(?::text[], '{}'), coalesce(?, true), ?, true)
                ON CONFLICT (site_id, item_id) DO UPDATE SET title = coalesce(?, i.title), categories = coalesce(?::text[], i.categories),
                    price = coalesce(?, i.price), tags = coalesce(?::text[], i.tags), available = coalesce(?, i.available),
                    url = coalesce(?, i.url), from_catalog = true, updated_at = now()""",
                siteId,
                in.id(),
                in.title(),
                array(in.categories()),
                in.price(),
                array(in.tags()),
                in.available(),
                in.url(),
                in.title(),
                array(in.categories()),
                in.price(),
                array(in.tags()),
                in.available(),
                in.url());
    }

    boolean exists(UUID siteId, String itemId) {
        return sql.one("SELECT 1 FROM personalization.item WHERE site_id = ? AND item_id = ?", rs -> 1, siteId, itemId)
                .isPresent();
    }

    List<Item> list(UUID siteId, String query, int offset, int limit) {
        return sql.list(
                "SELECT " + COLUMNS
                        + " FROM personalization.item WHERE site_id = ? AND (?::text IS NULL OR item_id ILIKE ? OR title ILIKE ?) "
                        + "ORDER BY item_id OFFSET ? LIMIT ?",
                JdbcCatalog::item,
                siteId,
                query,
                like(query),
                like(query),
                offset,
                limit);
    }

    long count(UUID siteId, String query) {
        return sql.one(
                        "SELECT count(*) FROM personalization.item WHERE site_id = ? AND (?::text IS NULL OR item_id ILIKE ? OR title ILIKE ?)",
                        rs -> rs.getLong(1),
                        siteId,
                        query,
                        like(query),
                        like(query))
                .orElse(0L);
    }

    Optional<Item> find(UUID siteId, String itemId) {
        return sql.one(
                "SELECT " + COLUMNS + " FROM personalization.item WHERE site_id = ? AND item_id = ?",
                JdbcCatalog::item,
                siteId,
                itemId);
    }

    /** Every item of the site (for the models: titles, categories and availability). */
    List<Item> all(UUID siteId) {
        return sql.list(
                "SELECT " + COLUMNS + " FROM personalization.item WHERE site_id = ?", JdbcCatalog::item, siteId);
    }

    /** The ids of the site's unavailable items. */
    Set<String> unavailable(UUID siteId) {
        return new HashSet<>(sql.list(
                "SELECT item_id FROM personalization.item WHERE site_id = ? AND NOT available",
                rs -> rs.getString(1),
                siteId));
    }

    private static String like(String query) {
        return query == null
                ? null
                : "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String array(List<String> values) {
        if (values == null) {
            return null;
        }
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return b.append('}').toString();
    }

    private static Item item(ResultSet rs) throws SQLException {
        return new Item(
                rs.getString(1),
                rs.getString(2),
                strings(rs.getArray(3)),
                rs.getBigDecimal(4),
                strings(rs.getArray(5)),
                rs.getBoolean(6),
                rs.getString(7),
                rs.getBoolean(8),
                rs.getObject(9, OffsetDateTime.class).toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
