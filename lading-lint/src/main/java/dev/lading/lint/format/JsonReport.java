package dev.lading.lint.format;

import dev.lading.lint.Finding;
import java.util.List;

/**
 * hadolint's JSON shape (an array of {@code code, column, file, level, line, message}) so tools reading
 * hadolint's output keep working, plus {@code endLine}, {@code endColumn} and {@code docUrl}.
 *
 * <p>Written directly rather than through a JSON tree: a report over a large repository has tens of thousands
 * of findings, and the layout is fixed. It is the one Jackson's indenting printer gives (so earlier reports
 * and this one are byte for byte the same): {@code [ {}, {} ]} with each object's fields on their own lines.
 */
final class JsonReport {
    private JsonReport() {
    }

    private static final String NL = System.lineSeparator();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static String render(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "[ ]\n";
        }
        return items(new StringBuilder(findings.size() * 400).append('['), findings, true).append(" ]\n").toString();
    }

    /** The findings as a part of a report's array, the first without a comma before it: see {@link #write}. */
    static String part(List<Finding> findings) {
        return findings.isEmpty() ? "" : items(new StringBuilder(findings.size() * 400), findings, true).toString();
    }

    /**
     * A report of {@link #part parts} (each given as text or as its bytes in {@code charset}), in order, commas
     * between them: the same text as {@link #render} of all their findings.
     */
    static <P> void write(List<P> parts, java.util.function.ToIntFunction<P> length, Sink<P> out)
            throws java.io.IOException {
        boolean first = true;
        for (P p : parts) {
            if (length.applyAsInt(p) == 0) {
                continue;
            }
            out.text(first ? "[" : ",");
            out.part(p);
            first = false;
        }
        out.text(first ? "[ ]\n" : " ]\n");
    }

    /** Where {@link #write} puts a report: its parts, and the brackets and commas between them. */
    interface Sink<P> {
        void text(String s) throws java.io.IOException;

        void part(P p) throws java.io.IOException;
    }

    // each field's name, as the indenting printer puts it on its line
    private static final String CODE = key("code");
    private static final String COLUMN = key("column");
    private static final String FILE = key("file");
    private static final String LEVEL = key("level");
    private static final String LINE = key("line");
    private static final String MESSAGE = key("message");
    private static final String END_LINE = key("endLine");
    private static final String END_COLUMN = key("endColumn");
    private static final String DOC_URL = key("docUrl");
    private static final String CODES = key("codes");

    private static String key(String name) {
        return NL + "  \"" + name + "\" : ";
    }

    /**
     * Quoted forms of the strings that repeat from finding to finding: rule IDs, levels, documentation links (a
     * few hundred, from the rules). Bounded all the same: a long-lived process may lint anything.
     */
    private static final java.util.Map<String, String> QUOTED = new java.util.concurrent.ConcurrentHashMap<>();

    private static String quotedOnce(String s) {
        String q = QUOTED.get(s);
        if (q == null) {
            if (QUOTED.size() > 4096) {
                QUOTED.clear();
            }
            q = quoted(new StringBuilder(s.length() + 2), s).toString();
            QUOTED.put(s, q);
        }
        return q;
    }

    private static StringBuilder items(StringBuilder sb, List<Finding> findings, boolean first) {
        String file = null; // a file's findings name it each time: quoted once
        String fileQuoted = null;
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (!f.file().equals(file)) {
                file = f.file();
                fileQuoted = quoted(new StringBuilder(file.length() + 2), file).toString();
            }
            sb.append(i == 0 && first ? " {" : ", {");
            sb.append(CODE).append(quotedOnce(f.displayId())).append(',');
            sb.append(COLUMN).append(f.column()).append(',');
            sb.append(FILE).append(fileQuoted).append(',');
            sb.append(LEVEL).append(quotedOnce(f.severity().label())).append(',');
            sb.append(LINE).append(f.line()).append(',');
            quoted(sb.append(MESSAGE), f.message()).append(',');
            sb.append(END_LINE).append(f.range().end().line()).append(',');
            sb.append(END_COLUMN).append(f.range().end().column()).append(',');
            sb.append(DOC_URL).append(quotedOnce(f.docUrl())).append(',');
            sb.append(CODES).append('[');
            List<String> ids = f.ids();
            for (int j = 0; j < ids.size(); j++) {
                sb.append(j == 0 ? " " : ", ").append(quotedOnce(ids.get(j)));
            }
            sb.append(" ]").append(NL).append('}');
        }
        return sb;
    }

    /** A JSON string as Jackson escapes it: quote, backslash and control characters, nothing else. */
    private static StringBuilder quoted(StringBuilder sb, String s) {
        sb.append('"');
        int plain = 0;
        int length = s.length();
        while (plain < length) {
            char c = s.charAt(plain);
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            plain++;
        }
        if (plain == length) {
            return sb.append(s).append('"'); // most text needs no escape: copied at once
        }
        sb.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
