package dev.lading.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stanzas of "Field: value" lines separated by blank lines, continuation lines indented: the format of dpkg's
 * status database (deb822) and, with one-letter keys and no continuations, of apk's installed database.
 * Field names are lowercased (deb822 names are case-insensitive). A line that is neither a field nor a
 * continuation is skipped with a warning; it never ends the parse.
 */
final class Deb822 {
    private Deb822() {
    }

    /** One stanza and the line it starts on (1-based), for warnings. */
    record Stanza(int line, Map<String, String> fields) {
        String get(String name) {
            return fields.get(name);
        }
    }

    /** deb822: field names are case-insensitive and lowercased here. */
    static List<Stanza> parse(String text, String where, Consumer<String> warnings) {
        return parse(text, where, warnings, true);
    }

    /** {@code foldCase} false for apk, whose keys differ only by case ({@code P} name, {@code p} provides). */
    static List<Stanza> parse(String text, String where, Consumer<String> warnings, boolean foldCase) {
        List<Stanza> out = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    out.add(new Stanza(start, fields));
                    fields = new LinkedHashMap<>();
                }
                last = null;
                continue;
            }
            if (fields.isEmpty() && last == null) {
                start = i + 1;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (last == null) {
                    warnings.accept(where + ":" + (i + 1) + ": a continuation line with no field before it; skipped");
                } else {
                    fields.merge(last, "\n" + line.substring(1), String::concat);
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                warnings.accept(where + ":" + (i + 1) + ": not a 'Field: value' line; skipped");
                last = null;
                continue;
            }
            last = line.substring(0, colon).strip();
            if (foldCase) {
                last = last.toLowerCase(Locale.ROOT);
            }
            // the first occurrence wins: apk repeats per-file keys (R:, Z:, a:) after the package's own
            fields.putIfAbsent(last, line.substring(colon + 1).strip());
        }
        if (!fields.isEmpty()) {
            out.add(new Stanza(start, fields));
        }
        return out;
    }
}
