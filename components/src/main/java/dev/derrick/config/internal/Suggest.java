package dev.derrick.config.internal;

import java.util.Collection;

/** "Did you mean" for misspelt keys and values. */
public final class Suggest {
    private Suggest() {
    }

    /** The candidate within edit distance 2 (or a case-insensitive match), or null. */
    public static String closest(String word, Collection<String> candidates) {
        // "h100" means "h100-80gb" more likely than "a10": a unique prefix match wins.
        var prefixed = candidates.stream().filter(c -> c.startsWith(word + "-") || c.startsWith(word + "."))
                .min(java.util.Comparator.comparingInt(String::length).thenComparing(c -> c));
        if (prefixed.isPresent()) {
            return prefixed.get();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = c.equalsIgnoreCase(word) ? 0 : distance(word.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, word.length() / 4) ? best : null;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
