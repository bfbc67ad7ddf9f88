package dev.attune.personalization.internal.recommend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readers of the MovieLens 100K files (GroupLens; the data stays outside the repository): {@code u.data}
 * (user, item, rating, epoch second; tab-separated) and {@code u.item} (pipe-separated, ISO-8859-1: id, title, release
 * date, video date, URL, then 19 genre flags named in {@code u.genre}).
 */
public final class MovieLens {
    private MovieLens() {}

    /** Every rating as an implicit positive (weight 1) with its time, as RecBole's ml-100k benchmark does. */
    public static Interactions implicitRatings(Path uData) throws IOException {
        Interactions.Builder builder = Interactions.builder();
        try (var lines = Files.lines(uData, StandardCharsets.ISO_8859_1)) {
            lines.forEach(line -> {
                String[] p = line.trim().split("\\s+");
                if (p.length >= 4) {
                    builder.add(p[0], p[1], 1.0, Long.parseLong(p[3]));
                }
            });
        }
        return builder.build();
    }

    /** Item id → its genre names (from u.item's flags; genre names from u.genre beside it, else "genre<k>"). */
    public static Map<String, List<String>> genres(Path uItem) throws IOException {
        List<String> names = new ArrayList<>();
        Path uGenre = uItem.resolveSibling("u.genre");
        if (Files.exists(uGenre)) {
            for (String line : Files.readAllLines(uGenre, StandardCharsets.ISO_8859_1)) {
                String[] p = line.split("\\|");
                if (p.length == 2 && !p[0].isBlank()) {
                    int index = Integer.parseInt(p[1].trim());
                    while (names.size() <= index) {
                        names.add(null);
                    }
                    names.set(index, p[0]);
                }
            }
        }
        Map<String, List<String>> genres = new LinkedHashMap<>();
        for (String line : Files.readAllLines(uItem, StandardCharsets.ISO_8859_1)) {
            String[] p = line.split("\\|", -1);
            if (p.length < 6) {
                continue;
            }
            List<String> of = new ArrayList<>();
            for (int g = 5; g < p.length; g++) {
                if (p[g].trim().equals("1")) {
                    int index = g - 5;
                    of.add(index < names.size() && names.get(index) != null ? names.get(index) : "genre" + index);
                }
            }
            genres.put(p[0].trim(), of);
        }
        return genres;
    }
}
