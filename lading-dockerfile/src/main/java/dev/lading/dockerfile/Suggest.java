package dev.lading.dockerfile;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean …?" for misspelt keywords, flags and keys (edit distance, as BuildKit's suggest package). */
final class Suggest {
    private Suggest() {
    }

    /** {@code "; did you mean X?"} when a candidate is close enough, otherwise the empty string. */
    static String didYouMean(String word, Collection<String> candidates) {
        String best = closest(word, candidates);
        return best == null ? "" : "; did you mean " + best + "?";
    }

    static String closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        // like BuildKit: only suggest when at most a third of the word (and at least one edit) differs
        int limit = Math.max(1, w.length() / 3);
        return best != null && bestDistance <= limit && bestDistance > 0 ? best : null;
    }

    private static int distance(String a, String b) {
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
