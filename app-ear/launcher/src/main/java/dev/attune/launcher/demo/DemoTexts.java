package dev.attune.launcher.demo;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Free texts the simulated visitors write, happier or angrier as their experience was; English, as VADER scores it. */
final class DemoTexts {
    private DemoTexts() {}

    private static final List<String> GOOD = List.of(
            "Love the %s, exactly what I hoped for. Great quality!",
            "Really happy with the %s. Fast delivery and it works perfectly.",
            "The recommendations are spot on, I found the %s thanks to them.",
            "Excellent service, the %s arrived a day early. Thank you!",
            "Best purchase this year: the %s is brilliant.",
            "Very easy to find what I wanted. The %s is awesome.");
    private static final List<String> MIXED = List.of(
            "The %s is fine, nothing special. Delivery took a while.",
            "Okay overall. I wish the %s came in more colours.",
            "Decent %s, but the size guide could be clearer.",
            "Checkout was a bit slow, the %s itself is good.");
    private static final List<String> BAD = List.of(
            "Disappointed with the %s. It broke after two weeks.",
            "Terrible experience: the %s arrived damaged and nobody answered my email.",
            "The %s is far too expensive for what you get. Not buying again.",
            "Awful delivery, the %s came a week late and the box was wet.",
            "Your recommendations keep showing me things I hate, and the %s was a waste of money.",
            "Very poor quality, the %s looks nothing like the pictures.");

    private static final List<String> GOOD_FILM = List.of(
            "Loved %s, a wonderful film. Great picks on this site!",
            "%s was brilliant, thanks for recommending it.",
            "Excellent choice of films, %s made my evening.",
            "Really enjoyed %s, the streaming was smooth and fast.");
    private static final List<String> MIXED_FILM = List.of(
            "%s was okay, a bit long in the middle.",
            "Decent film, %s, but the picture quality could be better.",
            "Not sure about %s, fine for a rainy evening.");
    private static final List<String> BAD_FILM = List.of(
            "Terrible stream, %s kept buffering and I gave up.",
            "Disappointed: %s was boring and the sound was awful.",
            "Your recommendations are bad, %s was a waste of money.",
            "Very poor quality, %s stopped twice and support never answered.");

    /** A text whose tone follows {@code feeling} (about -2 to 2) about this product or film. */
    static String about(DemoShop.Item item, double feeling, Random random) {
        boolean film = item.id().startsWith("ml-");
        List<String> from = feeling > 0.4
                ? (film ? GOOD_FILM : GOOD)
                : feeling < -0.4 ? (film ? BAD_FILM : BAD) : (film ? MIXED_FILM : MIXED);
        return from.get(random.nextInt(from.size()))
                .formatted(film ? item.title() : item.title().toLowerCase(Locale.ROOT));
    }
}
