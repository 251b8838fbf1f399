package dev.lading.lint.format;

import dev.lading.lint.Finding;
import java.nio.charset.StandardCharsets;
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
        return findings.isEmpty() ? "[ ]\n" : "[" + part(findings) + " ]\n";
    }

    /** The findings as a part of a report's array, the first without a comma before it: see {@link #write}. */
    static String part(List<Finding> findings) {
        return new String(partUtf8(findings), StandardCharsets.UTF_8);
    }

    /**
     * {@link #part} as UTF-8 bytes, written as such: the text of a part is ASCII but for the messages, and one
     * message with a character beyond Latin-1 ('…' is in several) made a whole part's string two bytes per
     * character, then had it encoded again for standard output.
     */
    static byte[] partUtf8(List<Finding> findings) {
        if (findings.isEmpty()) {
            return new byte[0];
        }
        Utf8 out = new Utf8(findings.size() * 400);
        items(out, findings);
        return out.toArray();
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
    private static final byte[] CODE = key("code");
    private static final byte[] COLUMN = key("column");
    private static final byte[] FILE = key("file");
    private static final byte[] LEVEL = key("level");
    private static final byte[] LINE = key("line");
    private static final byte[] MESSAGE = key("message");
    private static final byte[] END_LINE = key("endLine");
    private static final byte[] END_COLUMN = key("endColumn");
    private static final byte[] DOC_URL = key("docUrl");
    private static final byte[] CODES = key("codes");

    private static byte[] key(String name) {
        return (NL + "  \"" + name + "\" : ").getBytes(StandardCharsets.UTF_8);
    }

    // what comes between the fields: before the first object, before each next one, between codes, after codes
    private static final byte[] FIRST = " {".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEXT = ", {".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FIRST_CODE = " ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] COMMA = ", ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = (" ]" + NL + "}").getBytes(StandardCharsets.UTF_8);

    /**
     * Quoted forms of the strings that repeat from finding to finding: rule IDs, levels, documentation links (a
     * few hundred, from the rules). Bounded all the same: a long-lived process may lint anything.
     */
    private static final java.util.Map<String, byte[]> QUOTED = new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] quotedOnce(String s) {
        byte[] q = QUOTED.get(s);
        if (q == null) {
            if (QUOTED.size() > 4096) {
                QUOTED.clear();
            }
            q = quoted(s);
            QUOTED.put(s, q);
        }
        return q;
    }

    private static void items(Utf8 out, List<Finding> findings) {
        String file = null; // a file's findings name it each time: quoted once
        byte[] fileQuoted = null;
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (!f.file().equals(file)) {
                file = f.file();
                fileQuoted = quoted(file);
            }
            out.bytes(i == 0 ? FIRST : NEXT);
            out.bytes(CODE).bytes(quotedOnce(f.displayId())).ascii(',');
            out.bytes(COLUMN).number(f.column()).ascii(',');
            out.bytes(FILE).bytes(fileQuoted).ascii(',');
            out.bytes(LEVEL).bytes(quotedOnce(f.severity().label())).ascii(',');
            out.bytes(LINE).number(f.line()).ascii(',');
            out.bytes(MESSAGE).quoted(f.message()).ascii(',');
            out.bytes(END_LINE).number(f.range().end().line()).ascii(',');
            out.bytes(END_COLUMN).number(f.range().end().column()).ascii(',');
            out.bytes(DOC_URL).bytes(quotedOnce(f.docUrl())).ascii(',');
            out.bytes(CODES).ascii('[');
            List<String> ids = f.ids();
            for (int j = 0; j < ids.size(); j++) {
                out.bytes(j == 0 ? FIRST_CODE : COMMA).bytes(quotedOnce(ids.get(j)));
            }
            out.bytes(END);
        }
    }

    /** {@code s} as a quoted JSON string, in UTF-8. */
    private static byte[] quoted(String s) {
        return new Utf8(s.length() + 8).quoted(s).toArray();
    }

    /** A part being written: UTF-8 bytes in a growing array. */
    static final class Utf8 {
        private byte[] buf;
        private int len;

        Utf8(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        private void room(int n) {
            if (len + n > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        Utf8 ascii(char c) {
            room(1);
            buf[len++] = (byte) c;
            return this;
        }

        Utf8 bytes(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            return this;
        }

        Utf8 number(int v) {
            String digits = Integer.toString(v);
            room(digits.length());
            for (int i = 0; i < digits.length(); i++) {
                buf[len++] = (byte) digits.charAt(i);
            }
            return this;
        }

        /**
         * A JSON string as Jackson escapes it (quote, backslash and control characters, nothing else), in UTF-8
         * as {@code String.getBytes} encodes it: a surrogate without its other half becomes '?'.
         */
        Utf8 quoted(String s) {
            int n = s.length();
            room(n * 3 + 2);
            buf[len++] = '"';
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x80) {
                    if (c == '"' || c == '\\') {
                        buf[len++] = '\\'; // two bytes for the character: within the three reserved for each
                    }
                    buf[len++] = (byte) c;
                } else if (c < 0x20) {
                    String e = switch (c) {
                        case '\b' -> "\\b";
                        case '\t' -> "\\t";
                        case '\f' -> "\\f";
                        case '\n' -> "\\n";
                        case '\r' -> "\\r";
                        default -> "\\u00" + HEX[c >> 4] + HEX[c & 0xF];
                    };
                    room(e.length() + (n - i) * 3 + 1);
                    for (int k = 0; k < e.length(); k++) {
                        buf[len++] = (byte) e.charAt(k);
                    }
                } else if (c < 0x800) {
                    buf[len++] = (byte) (0xC0 | (c >> 6));
                    buf[len++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        int cp = Character.toCodePoint(c, s.charAt(++i));
                        room(4 + (n - i) * 3 + 1);
                        buf[len++] = (byte) (0xF0 | (cp >> 18));
                        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                        buf[len++] = (byte) (0x80 | (cp & 0x3F));
                    } else {
                        buf[len++] = '?';
                    }
                } else {
                    buf[len++] = (byte) (0xE0 | (c >> 12));
                    buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    buf[len++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            room(1);
            buf[len++] = '"';
            return this;
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(buf, len);
        }
    }
}
