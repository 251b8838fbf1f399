package dev.lading.lint.fix;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u}, three lines of context) of two texts, as {@code patch} and {@code git apply}
 * read it. Lines are compared with their terminators, so a CRLF line turned into LF shows; a last line without
 * one is marked {@code \ No newline at end of file}. The line matching is java-diff-utils' Myers diff.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    static String of(String fromName, String toName, String from, String to) {
        List<String> a = lines(from);
        List<String> b = lines(to);
        List<AbstractDelta<String>> deltas = DiffUtils.diff(a, b).getDeltas();
        if (deltas.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(fromName).append('\n').append("+++ ").append(toName).append('\n');
        int i = 0;
        while (i < deltas.size()) {
            // a hunk: deltas whose context would touch or overlap
            int j = i;
            while (j + 1 < deltas.size() && deltas.get(j + 1).getSource().getPosition()
                    - end(deltas.get(j)) <= 2 * CONTEXT) {
                j++;
            }
            int aStart = Math.max(0, deltas.get(i).getSource().getPosition() - CONTEXT);
            int aEnd = Math.min(a.size(), end(deltas.get(j)) + CONTEXT);
            int bStart = aStart + (deltas.get(i).getTarget().getPosition() - deltas.get(i).getSource().getPosition());
            List<String> body = new ArrayList<>();
            int aCount = 0;
            int bCount = 0;
            int pos = aStart;
            for (int k = i; k <= j; k++) {
                AbstractDelta<String> d = deltas.get(k);
                for (; pos < d.getSource().getPosition(); pos++) {
                    body.add(" " + a.get(pos));
                    aCount++;
                    bCount++;
                }
                for (String l : d.getSource().getLines()) {
                    body.add("-" + l);
                    aCount++;
                }
                for (String l : d.getTarget().getLines()) {
                    body.add("+" + l);
                    bCount++;
                }
                pos = end(d);
            }
            for (; pos < aEnd; pos++) {
                body.add(" " + a.get(pos));
                aCount++;
                bCount++;
            }
            out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n");
            for (String l : body) {
                if (l.endsWith("\n")) {
                    out.append(l);
                } else {
                    out.append(l).append("\n\\ No newline at end of file\n");
                }
            }
            i = j + 1;
        }
        return out.toString();
    }

    private static int end(AbstractDelta<String> d) {
        return d.getSource().getPosition() + d.getSource().size();
    }

    /** {@code start,count} with a 1-based start, as diff writes it: an empty range names the line before it, ",1" is left out. */
    private static String range(int start, int count) {
        return count == 1 ? String.valueOf(start + 1) : (count == 0 ? start : start + 1) + "," + count;
    }

    /** The lines with their terminators. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(s, i + 1));
                s = i + 1;
            }
        }
        if (s < text.length()) {
            out.add(text.substring(s));
        }
        return out;
    }
}
