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

    /** The findings as a part of a report's array, each after a comma: see {@link #write}. */
    static String part(List<Finding> findings) {
        return findings.isEmpty() ? "" : items(new StringBuilder(findings.size() * 400), findings, false).toString();
    }

    /** A report of {@link #part parts}, in order: the same text as {@link #render} of all their findings. */
    static void write(List<String> parts, java.io.Writer out) throws java.io.IOException {
        boolean first = true;
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            if (first) {
                out.write('[');
                out.write(p, 1, p.length() - 1); // the first item has no comma before it
                first = false;
            } else {
                out.write(p);
            }
        }
        out.write(first ? "[ ]\n" : " ]\n");
    }

    private static StringBuilder items(StringBuilder sb, List<Finding> findings, boolean first) {
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            sb.append(i == 0 && first ? " {" : ", {");
            string(sb, "code", f.displayId()).append(',');
            number(sb, "column", f.column()).append(',');
            string(sb, "file", f.file()).append(',');
            string(sb, "level", f.severity().label()).append(',');
            number(sb, "line", f.line()).append(',');
            string(sb, "message", f.message()).append(',');
            number(sb, "endLine", f.range().end().line()).append(',');
            number(sb, "endColumn", f.range().end().column()).append(',');
            string(sb, "docUrl", f.docUrl()).append(',');
            field(sb, "codes").append('[');
            List<String> ids = f.ids();
            for (int j = 0; j < ids.size(); j++) {
                quoted(sb.append(j == 0 ? " " : ", "), ids.get(j));
            }
            sb.append(" ]").append(NL).append('}');
        }
        return sb;
    }

    private static StringBuilder field(StringBuilder sb, String name) {
        return quoted(sb.append(NL).append("  "), name).append(" : ");
    }

    private static StringBuilder string(StringBuilder sb, String name, String value) {
        return quoted(field(sb, name), value);
    }

    private static StringBuilder number(StringBuilder sb, String name, int value) {
        return field(sb, name).append(value);
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
