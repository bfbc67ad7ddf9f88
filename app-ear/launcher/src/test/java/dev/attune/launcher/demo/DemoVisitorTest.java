package dev.attune.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoVisitorTest {
    private static final DemoShop SHOP = new DemoShop(
            "Test shop",
            "Picked for you.",
            "product",
            "products",
            List.of(
                    new DemoShop.Item("tent", "Tent", List.of("Camping"), 300, 0.8),
                    new DemoShop.Item("stove", "Stove", List.of("Camping"), 60, -0.6),
                    new DemoShop.Item("boots", "Boots", List.of("Footwear"), 190, 0.2),
                    new DemoShop.Item("socks", "Socks", List.of("Footwear", "Clothing"), 30, 0.0),
                    new DemoShop.Item("hoodie", "Hoodie", List.of("Clothing"), 120, 0.4)),
            List.of("Camping", "Clothing", "Footwear"));

    @Test
    void the_same_seed_gives_the_same_visitors_and_another_seed_others() {
        assertThat(DemoVisitor.population(SHOP, 500, 7)).isEqualTo(DemoVisitor.population(SHOP, 500, 7));
        assertThat(DemoVisitor.population(SHOP, 500, 7)).isNotEqualTo(DemoVisitor.population(SHOP, 500, 8));
    }

    @Test
    void most_visitors_consent_and_every_category_device_and_place_occurs() {
        List<DemoVisitor> visitors = DemoVisitor.population(SHOP, 2000, 20261207L);
        assertThat(visitors.stream().filter(DemoVisitor::consents).count()).isBetween(1760L, 1920L);
        assertThat(visitors.stream().map(DemoVisitor::category).distinct())
                .containsExactlyInAnyOrderElementsOf(SHOP.categories());
        assertThat(visitors.stream().map(DemoVisitor::device).distinct()).hasSameSizeAs(DemoVisitor.DEVICES);
        assertThat(visitors.stream().map(DemoVisitor::place).distinct()).hasSameSizeAs(DemoVisitor.PLACES);
    }

    @Test
    void answers_stay_in_their_ranges_and_follow_quality_taste_and_mood() {
        Random random = new Random(1);
        List<DemoVisitor> visitors = DemoVisitor.population(SHOP, 2000, 3);
        double goodItem = 0;
        double badItem = 0;
        double happyNps = 0;
        double unhappyNps = 0;
        int happy = 0;
        int unhappy = 0;
        for (DemoVisitor v : visitors) {
            int tent = v.rate(SHOP.items().get(0), random);
            int stove = v.rate(SHOP.items().get(1), random);
            int nps = v.nps(random);
            assertThat(tent).isBetween(1, 5);
            assertThat(stove).isBetween(1, 5);
            assertThat(nps).isBetween(0, 10);
            assertThat(v.csat(random)).isBetween(1, 5);
            goodItem += tent;
            badItem += stove;
            if (v.mood() > 0.5) {
                happyNps += nps;
                happy++;
            } else if (v.mood() < -0.5) {
                unhappyNps += nps;
                unhappy++;
            }
        }
        assertThat(goodItem / visitors.size())
                .as("a better product is rated higher")
                .isGreaterThan(badItem / visitors.size() + 1);
        assertThat(happyNps / happy).as("happier visitors answer NPS higher").isGreaterThan(unhappyNps / unhappy + 2);
    }

    @Test
    void visitors_browse_their_favourite_category_most() {
        Random random = new Random(2);
        DemoVisitor camper = DemoVisitor.population(SHOP, 200, 5).stream()
                .filter(v -> v.category().equals("Camping"))
                .findFirst()
                .orElseThrow();
        long camping = IntStream.range(0, 1000)
                .mapToObj(i -> camper.browse(SHOP, random))
                .filter(i -> i.categories().contains("Camping"))
                .count();
        assertThat(camping)
                .as("two of five products are camping gear; a camper looks at them much more often")
                .isGreaterThan(650);
    }
}
