package dev.attune.launcher.demo;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Random;

/**
 * The demo shop as the server describes it at {@code /demo/catalog.json} (films with MovieLens beside the repository,
 * outdoor gear otherwise), with a hidden quality per product that the simulated visitors' ratings follow.
 */
record DemoShop(String name, String tagline, String noun, String plural, List<Item> items, List<String> categories) {
    record Item(String id, String title, List<String> categories, double price, double quality) {
        String category() {
            return categories.isEmpty() ? "Other" : categories.get(0);
        }
    }

    static DemoShop read(DemoApi api, long seed) {
        JsonObject catalog = api.get("/demo/catalog.json")
                .expect("Reading the demo catalog", 200)
                .json();
        Random random = new Random(seed);
        List<Item> items = catalog.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(o -> new Item(
                        o.getString("id"),
                        o.getString("title"),
                        o.getJsonArray("genres").getValuesAs(JsonString.class).stream()
                                .map(JsonString::getString)
                                .toList(),
                        o.getJsonNumber("price").doubleValue(),
                        Math.max(-1, Math.min(1, random.nextGaussian() * 0.6))))
                .toList();
        List<String> categories =
                items.stream().map(Item::category).distinct().sorted().toList();
        return new DemoShop(
                catalog.getString("name"),
                catalog.getString("tagline"),
                catalog.getString("noun"),
                catalog.getString("plural"),
                items,
                categories);
    }

    List<Item> in(String category) {
        return items.stream().filter(i -> i.categories().contains(category)).toList();
    }
}
