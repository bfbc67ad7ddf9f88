package dev.attune.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs and {@code --flag}s. */
final class Options {
    private Options() {}

    /** A name without a value (the last argument, or one followed by another name) is a flag: {@code true}. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException(
                        "expected --name value pairs or --flag, got " + String.join(" ", args));
            }
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(args[i].substring(2), flag ? "true" : args[++i]);
        }
        return options;
    }

    static int integer(Map<String, String> options, String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }
}
