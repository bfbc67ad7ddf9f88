package dev.attune.feedback.internal.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the demo shop sells. With MovieLens 100k beside the repository (read at run time from {@code u.item}; the data
 * is not part of Attune, see ../shared/data/movielens/PROVENANCE.txt) it is a film shop with those titles and genres,
 * item ids {@code ml-<movie id>}; without it an outdoor outfitter with a catalog of its own.
 */
public final class DemoCatalog {
    static final String[] GENRES = {
        "unknown",
        "Action",
        "Adventure",
        "Animation",
        "Children's",
        "Comedy",
        "Crime",
        "Documentary",
        "Drama",
        "Fantasy",
        "Film-Noir",
        "Horror",
        "Musical",
        "Mystery",
        "Romance",
        "Sci-Fi",
        "Thriller",
        "War",
        "Western"
    };

    /** A product; {@code year} is 0 where it means nothing, {@code price} is what a purchase of it amounts to. */
    public record Item(String id, String title, int year, List<String> genres, double price) {}

    /**
     * A shop: its name, the line under it (the default text of the demo's tagline experiment), what it calls its
     * products, where its products come from (for the footer) and the products.
     */
    public record Shop(String name, String tagline, String noun, String plural, String credit, List<Item> items) {}

    private DemoCatalog() {}

    /** A shop that needs no data beside the repository. */
    static final Shop OUTFITTERS = new Shop(
            "Trailhead Outfitters",
            "Gear picked for you, learning from every rating.",
            "product",
            "products",
            "Products and prices are made up for the demo.",
            List.of(
                    new Item("trail-running-shoes", "Trail running shoes", 0, List.of("Footwear"), 129.0),
                    new Item("waterproof-hiking-boots", "Waterproof hiking boots", 0, List.of("Footwear"), 189.0),
                    new Item("camp-sandals", "Camp sandals", 0, List.of("Footwear"), 49.0),
                    new Item("wool-socks-3pack", "Wool socks, 3 pairs", 0, List.of("Footwear", "Clothing"), 34.0),
                    new Item("merino-hoodie", "Merino hoodie", 0, List.of("Clothing"), 119.0),
                    new Item("rain-shell-jacket", "Rain shell jacket", 0, List.of("Clothing"), 229.0),
                    new Item("packable-down-vest", "Packable down vest", 0, List.of("Clothing"), 139.0),
                    new Item("sun-hat", "Sun hat", 0, List.of("Clothing"), 29.0),
                    new Item("softshell-trousers", "Softshell trousers", 0, List.of("Clothing"), 99.0),
                    new Item("two-person-tent", "Two-person tent", 0, List.of("Camping"), 349.0),
                    new Item("down-sleeping-bag", "Down sleeping bag", 0, List.of("Camping"), 289.0),
                    new Item("inflatable-sleeping-mat", "Inflatable sleeping mat", 0, List.of("Camping"), 119.0),
                    new Item("camp-chair", "Folding camp chair", 0, List.of("Camping"), 69.0),
                    new Item("city-backpack-22l", "City backpack 22 l", 0, List.of("Bags"), 89.0),
                    new Item("trekking-pack-45l", "Trekking pack 45 l", 0, List.of("Bags"), 199.0),
                    new Item("dry-bag-set", "Dry bag set", 0, List.of("Bags"), 39.0),
                    new Item("insulated-bottle", "Insulated bottle", 0, List.of("Kitchen"), 32.0),
                    new Item("camping-mug", "Camping mug", 0, List.of("Kitchen"), 14.0),
                    new Item("backpacking-stove", "Backpacking stove", 0, List.of("Kitchen"), 59.0),
                    new Item("titanium-cook-pot", "Titanium cook pot", 0, List.of("Kitchen"), 54.0),
                    new Item("headlamp-400", "Headlamp 400 lm", 0, List.of("Gear"), 45.0),
                    new Item("hiking-poles", "Hiking poles", 0, List.of("Gear"), 79.0),
                    new Item("water-filter", "Water filter", 0, List.of("Gear"), 44.0),
                    new Item("travel-towel", "Travel towel", 0, List.of("Gear"), 24.0)));

    /** The film shop around the first {@code limit} films of MovieLens' u.item. */
    static Shop cinema(Path uItem, int limit) throws IOException {
        return new Shop(
                "Attune Cinema",
                "Films picked for you, learning from every rating.",
                "film",
                "films",
                "Titles: MovieLens 100K (GroupLens Research), read at run time.",
                read(uItem, limit));
    }

    /** The first {@code limit} movies of the file (u.item is ISO-8859-1, pipe-separated, 19 genre flags at the end). */
    public static List<Item> read(Path uItem, int limit) throws IOException {
        List<Item> items = new ArrayList<>();
        for (String line : Files.readAllLines(uItem, StandardCharsets.ISO_8859_1)) {
            String[] f = line.split("\\|", -1);
            if (f.length < 5 + GENRES.length || f[1].isBlank() || "unknown".equals(f[1])) {
                continue;
            }
            String title = f[1].replaceFirst("\\s*\\((\\d{4})\\)\\s*$", "");
            int year = f[1].matches(".*\\((\\d{4})\\)\\s*$")
                    ? Integer.parseInt(f[1].replaceFirst(".*\\((\\d{4})\\)\\s*$", "$1"))
                    : 0;
            // "Usual Suspects, The" reads better as "The Usual Suspects"
            title = title.replaceFirst("^(.*), (The|A|An|Il|La|Le|Les|Das|Der|Die)$", "$2 $1");
            List<String> genres = new ArrayList<>();
            for (int g = 0; g < GENRES.length; g++) {
                if ("1".equals(f[5 + g]) && g > 0) {
                    genres.add(GENRES[g]);
                }
            }
            items.add(new Item("ml-" + f[0], title, year, List.copyOf(genres), 3.99));
            if (items.size() >= limit) {
                break;
            }
        }
        return items;
    }
}
