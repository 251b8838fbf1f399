package dev.lading.scan.secrets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules' keywords, found all at once: one pass over a text (an Aho-Corasick automaton) says which keywords
 * occur and where each first starts, where asking each rule's keywords in turn took one pass per keyword (some
 * fifty over every text file of an image), over a lower-cased copy of the text.
 *
 * <p>Matching ignores case the way the rules' {@code (?i)} patterns do: an ASCII letter matches in either case.
 * Any other character matches by its lower case, and never an ASCII letter (the Kelvin sign is not a
 * {@code k}). Text is not copied or lower-cased to do this. Over bytes (a file as it is in the layer, before
 * any decoding), only ASCII keywords can be found; a keyword with other characters counts as present there, so
 * the byte pass never rules out what the text pass would find (UTF-8 never hides an ASCII byte in a sequence).
 */
final class Keywords {
    /** Transitions of the full automaton for ASCII, {@code [state * 128 + c]}. */
    private final int[] ascii;
    /** Transitions on other characters (rare: only for keywords that have them), with failure links. */
    private final List<Map<Character, Integer>> other = new ArrayList<>();
    private final int[] fail;
    /** The keywords that end at each state (itself or by its failure links). */
    private final int[][] ends;
    private final int[] length;
    /** The keywords that a byte pass cannot see, and so counts as present. */
    private final boolean[] notAscii;
    private final IdentityHashMap<SecretRule, int[]> ofRule = new IdentityHashMap<>();

    Keywords(List<SecretRule> rules) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (SecretRule rule : rules) {
            int[] own = rule.keywords().stream().filter(k -> !k.isEmpty()).mapToInt(k -> ids.computeIfAbsent(k, x -> ids.size()))
                    .distinct().toArray();
            // a rule whose only keyword is empty runs on every line, as indexOf("") said before
            ofRule.put(rule, rule.keywords().isEmpty() || rule.keywords().contains("") ? null : own);
        }
        List<String> words = new ArrayList<>(ids.keySet());
        length = words.stream().mapToInt(String::length).toArray();
        notAscii = new boolean[words.size()];
        // the trie
        List<int[]> next = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        next.add(filled());
        other.add(new HashMap<>());
        out.add(new ArrayList<>());
        for (int k = 0; k < words.size(); k++) {
            int s = 0;
            for (char c : words.get(k).toCharArray()) {
                c = fold(c);
                int t = c < 128 ? next.get(s)[c] : other.get(s).getOrDefault(c, -1);
                if (t < 0) {
                    t = next.size();
                    next.add(filled());
                    other.add(new HashMap<>());
                    out.add(new ArrayList<>());
                    if (c < 128) {
                        next.get(s)[c] = t;
                    } else {
                        other.get(s).put(c, t);
                        notAscii[k] = true;
                    }
                }
                s = t;
            }
            out.get(s).add(k);
        }
        // failure links, breadth first; ASCII transitions completed into a DFA on the way
        int states = next.size();
        fail = new int[states];
        ascii = new int[states * 128];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < 128; c++) {
            int t = next.get(0)[c];
            ascii[c] = Math.max(t, 0);
            if (t > 0) {
                queue.add(t);
            }
        }
        queue.addAll(other.get(0).values());
        while (!queue.isEmpty()) {
            int s = queue.poll();
            out.get(s).addAll(out.get(fail[s]));
            for (int c = 0; c < 128; c++) {
                int t = next.get(s)[c];
                if (t >= 0) {
                    fail[t] = ascii[fail[s] * 128 + c];
                    ascii[s * 128 + c] = t;
                    queue.add(t);
                } else {
                    ascii[s * 128 + c] = ascii[fail[s] * 128 + c];
                }
            }
            for (Map.Entry<Character, Integer> e : other.get(s).entrySet()) {
                fail[e.getValue()] = otherStep(fail[s], e.getKey());
                queue.add(e.getValue());
            }
        }
        ends = new int[states][];
        for (int s = 0; s < states; s++) {
            ends[s] = out.get(s).stream().mapToInt(Integer::intValue).distinct().toArray();
        }
    }

    private static int[] filled() {
        int[] a = new int[128];
        Arrays.fill(a, -1);
        return a;
    }

    /** ASCII letters to lower case; other characters to their lower case unless that is ASCII. */
    static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        char lower = Character.toLowerCase(c);
        return lower < 128 ? c : lower;
    }

    /** The state after a non-ASCII (already folded) character, following failure links. */
    private int otherStep(int s, char c) {
        while (true) {
            Integer t = other.get(s).get(c);
            if (t != null) {
                return t;
            }
            if (s == 0) {
                return 0;
            }
            s = fail[s];
        }
    }

    private int step(int s, char c) {
        return c < 128 ? ascii[s * 128 + (c >= 'A' && c <= 'Z' ? c + 32 : c)] : otherStep(s, fold(c));
    }

    int count() {
        return length.length;
    }

    /** The keywords of {@code rule} (one of those given at construction); null when it has none and so always runs. */
    int[] of(SecretRule rule) {
        if (!ofRule.containsKey(rule)) {
            throw new IllegalArgumentException("not one of this scanner's rules: " + rule.id());
        }
        return ofRule.get(rule);
    }

    /** Which keywords occur in {@code data[0, n)}, ASCII case-insensitively; those with other characters always do. */
    boolean[] presentIn(byte[] data, int n) {
        boolean[] present = notAscii.clone();
        int s = 0;
        for (int i = 0; i < n; i++) {
            int b = data[i];
            if (b < 0) {
                s = 0; // a byte of a multi-byte character: no ASCII keyword runs through it
                continue;
            }
            s = ascii[s * 128 + (b >= 'A' && b <= 'Z' ? b + 32 : b)];
            for (int k : ends[s]) {
                present[k] = true;
            }
        }
        return present;
    }

    /** Whether any of {@code ids} (null: a rule without keywords) is present. */
    static boolean any(int[] ids, boolean[] present) {
        if (ids == null) {
            return true;
        }
        for (int k : ids) {
            if (present[k]) {
                return true;
            }
        }
        return false;
    }

    /** Where each keyword first starts in one line: reused line after line, without clearing. */
    final class Positions {
        private final int[] first = new int[length.length];
        private final int[] stamp = new int[length.length];
        private int line;

        /** Finds the keywords of {@code text}, forgetting those of the line before. */
        void find(CharSequence text) {
            line++;
            int s = 0;
            for (int i = 0, n = text.length(); i < n; i++) {
                s = step(s, text.charAt(i));
                for (int k : ends[s]) {
                    if (stamp[k] != line) {
                        stamp[k] = line;
                        first[k] = i - length[k] + 1;
                    }
                }
            }
        }

        /** Where the first of {@code ids} starts in the line: 0 for null (a rule without keywords), -1 for none. */
        int first(int[] ids) {
            if (ids == null) {
                return 0;
            }
            int at = -1;
            for (int k : ids) {
                if (stamp[k] == line && (at < 0 || first[k] < at)) {
                    at = first[k];
                }
            }
            return at;
        }
    }
}
