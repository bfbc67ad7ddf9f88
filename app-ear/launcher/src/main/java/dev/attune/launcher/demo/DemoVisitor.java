package dev.attune.launcher.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A simulated visitor: a favourite category, a device, a language, a mood (how happy they are with the shop, which
 * their NPS, CSAT, ratings and texts follow), how active they are, and whether they consent.
 */
record DemoVisitor(
        int n,
        String subjectId,
        String category,
        Device device,
        Place place,
        double mood,
        double activity,
        boolean consents) {
    record Device(String kind, String userAgent) {}

    record Place(String locale, String timeZone) {}

    static final List<Device> DEVICES = List.of(
            new Device(
                    "desktop",
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"),
            new Device(
                    "mobile",
                    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"),
            new Device(
                    "desktop",
                    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"),
            new Device(
                    "mobile",
                    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"),
            new Device(
                    "tablet",
                    "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"));
    private static final double[] DEVICE_WEIGHTS = {0.34, 0.30, 0.14, 0.16, 0.06};

    static final List<Place> PLACES = List.of(
            new Place("en-US", "America/New_York"),
            new Place("en-US", "America/Los_Angeles"),
            new Place("en-GB", "Europe/London"),
            new Place("de-DE", "Europe/Berlin"),
            new Place("fr-FR", "Europe/Paris"));
    private static final double[] PLACE_WEIGHTS = {0.34, 0.18, 0.2, 0.16, 0.12};

    /** {@code count} visitors drawn from the seed: the same seed gives the same visitors. */
    static List<DemoVisitor> population(DemoShop shop, int count, long seed) {
        Random random = new Random(seed);
        // a few categories are much more popular than the rest, as in any shop
        double[] popularity = new double[shop.categories().size()];
        for (int c = 0; c < popularity.length; c++) {
            popularity[c] = 1.0 / (1 + c * 0.6) * (0.5 + random.nextDouble());
        }
        List<DemoVisitor> visitors = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            String category = shop.categories().get(pick(random, popularity));
            visitors.add(new DemoVisitor(
                    n,
                    "demo-visitor-" + n,
                    category,
                    DEVICES.get(pick(random, DEVICE_WEIGHTS)),
                    PLACES.get(pick(random, PLACE_WEIGHTS)),
                    random.nextGaussian(),
                    Math.exp(random.nextGaussian() * 0.7),
                    random.nextDouble() < 0.92));
        }
        return visitors;
    }

    /** The index drawn from weights that need not sum to one. */
    static int pick(Random random, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A product this visitor looks at: mostly from the favourite category. */
    DemoShop.Item browse(DemoShop shop, Random random) {
        List<DemoShop.Item> favourites = shop.in(category);
        List<DemoShop.Item> from = random.nextDouble() < 0.65 && !favourites.isEmpty() ? favourites : shop.items();
        return from.get(random.nextInt(from.size()));
    }

    /** A rating of 1 to 5 that follows the product's quality, the visitor's taste and mood. */
    int rate(DemoShop.Item item, Random random) {
        double score = 3.3
                + 1.1 * item.quality()
                + (item.categories().contains(category) ? 0.6 : -0.3)
                + 0.35 * mood
                + random.nextGaussian() * 0.7;
        return (int) Math.max(1, Math.min(5, Math.round(score)));
    }

    int nps(Random random) {
        return (int) Math.max(0, Math.min(10, Math.round(8.1 + 1.9 * mood + random.nextGaussian() * 1.1)));
    }

    int csat(Random random) {
        return (int) Math.max(1, Math.min(5, Math.round(3.9 + 0.7 * mood + random.nextGaussian() * 0.6)));
    }
}
