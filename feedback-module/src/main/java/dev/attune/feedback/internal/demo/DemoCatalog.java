package dev.attune.feedback.internal.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo shop's items: MovieLens 100k titles and genres, read at run time from {@code u.item} (the data is not part
 * of Attune; see ../shared/data/movielens/PROVENANCE.txt). Item ids are {@code ml-<movie id>}.
 */
public final class DemoCatalog {
    static final String[] GENRES = {"unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
            "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller",
            "War", "Western"};

    public record Item(String id, String title, int year, List<String> genres) {
    }

    private DemoCatalog() {
    }

    /** Without the MovieLens file (a fresh clone elsewhere), the shop sells generic outdoor gear instead. */
    static final List<Item> FALLBACK = List.of(
            new Item("trail-running-shoes", "Trail running shoes", 0, List.of("Footwear")),
            new Item("merino-hoodie", "Merino hoodie", 0, List.of("Clothing")),
            new Item("rain-shell-jacket", "Rain shell jacket", 0, List.of("Clothing")),
            new Item("city-backpack-22l", "City backpack 22 l", 0, List.of("Bags")),
            new Item("insulated-bottle", "Insulated bottle", 0, List.of("Kitchen")),
            new Item("wool-socks-3pack", "Wool socks, 3 pairs", 0, List.of("Clothing")),
            new Item("headlamp-400", "Headlamp 400 lm", 0, List.of("Gear")),
            new Item("camping-mug", "Camping mug", 0, List.of("Kitchen")),
            new Item("packable-down-vest", "Packable down vest", 0, List.of("Clothing")),
            new Item("hiking-poles", "Hiking poles", 0, List.of("Gear")),
            new Item("sun-hat", "Sun hat", 0, List.of("Clothing")),
            new Item("travel-towel", "Travel towel", 0, List.of("Gear")));

    /** The first {@code limit} movies of the file (u.item is ISO-8859-1, pipe-separated, 19 genre flags at the end). */
    public static List<Item> read(Path uItem, int limit) throws IOException {
        List<Item> items = new ArrayList<>();
        for (String line : Files.readAllLines(uItem, StandardCharsets.ISO_8859_1)) {
            String[] f = line.split("\\|", -1);
            if (f.length < 5 + GENRES.length || f[1].isBlank() || "unknown".equals(f[1])) {
                continue;
            }
            String title = f[1].replaceFirst("\\s*\\((\\d{4})\\)\\s*$", "");
            int year = f[1].matches(".*\\((\\d{4})\\)\\s*$") ? Integer.parseInt(f[1].replaceFirst(".*\\((\\d{4})\\)\\s*$", "$1")) : 0;
            // "Usual Suspects, The" reads better as "The Usual Suspects"
            title = title.replaceFirst("^(.*), (The|A|An|Il|La|Le|Les|Das|Der|Die)$", "$2 $1");
            List<String> genres = new ArrayList<>();
            for (int g = 0; g < GENRES.length; g++) {
                if ("1".equals(f[5 + g]) && g > 0) {
                    genres.add(GENRES[g]);
                }
            }
            items.add(new Item("ml-" + f[0], title, year, List.copyOf(genres)));
            if (items.size() >= limit) {
                break;
            }
        }
        return items;
    }
}
