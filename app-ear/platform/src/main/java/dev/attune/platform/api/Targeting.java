package dev.attune.platform.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * What surveys, experiments and rules share to decide who is in: URL globs and stable hash buckets (the same key
 * lands in the same bucket on every instance, after every restart).
 */
public final class Targeting {
    private Targeting() {}

    /** A URL glob: {@code *} is any characters; a glob starting with {@code /} matches the page's path and query. */
    public record UrlGlob(String glob, Pattern pattern) {
        public static UrlGlob of(String glob) {
            StringBuilder regex = new StringBuilder();
            String[] parts = glob.split("\\*", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    regex.append(".*");
                }
                regex.append(parts[i].isEmpty() ? "" : Pattern.quote(parts[i]));
            }
            return new UrlGlob(glob, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE));
        }

        public boolean matches(String url) {
            return url != null
                    && pattern.matcher(glob.startsWith("/") ? path(url) : url).matches();
        }
    }

    /** The path and query of a URL (the URL itself when it does not parse). */
    public static String path(String url) {
        try {
            URI uri = URI.create(url);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** The key's bucket in [0, buckets): the first 8 bytes of its SHA-256, unsigned, modulo buckets. */
    public static int bucket(String key, int buckets) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return (int) Long.remainderUnsigned(v, buckets);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
