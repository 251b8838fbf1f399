package dev.lading.lint.format;

import dev.lading.lint.Finding;
import dev.lading.lint.RuleInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The report formats of {@code lading lint --format}. */
public enum ReportFormat {
    TEXT, JSON, SARIF, CHECKSTYLE, GITLAB;

    /**
     * Renders findings. {@code rules} are the rules that ran (SARIF lists them as the tool's rules);
     * {@code color} adds ANSI colours to text output, for terminals only.
     */
    public String render(List<Finding> findings, List<? extends RuleInfo> rules, boolean color) {
        return switch (this) {
            case TEXT -> TextReport.render(findings, color);
            case JSON -> JsonReport.render(findings);
            case SARIF -> SarifReport.render(findings, rules);
            case CHECKSTYLE -> CheckstyleReport.render(findings);
            case GITLAB -> GitlabReport.render(findings);
        };
    }

    /**
     * Whether a report in this format is its files' parts one after the other ({@link #part}, {@link #write}):
     * then each file's part can be rendered as soon as the file is linted, by the thread that linted it.
     */
    public boolean inParts() {
        return this == TEXT || this == JSON;
    }

    /** One file's findings as its part of a report; for formats that are {@link #inParts() in parts} only. */
    public String part(List<Finding> findings, boolean color) {
        return switch (this) {
            case TEXT -> TextReport.render(findings, color);
            case JSON -> JsonReport.part(findings);
            default -> throw new IllegalStateException(this + " is not written in parts");
        };
    }

    /** {@link #part} as bytes in {@code charset}: a JSON part is written as UTF-8 directly. */
    public byte[] part(List<Finding> findings, boolean color, java.nio.charset.Charset charset) {
        if (this == JSON && charset.equals(java.nio.charset.StandardCharsets.UTF_8)) {
            return JsonReport.partUtf8(findings);
        }
        return part(findings, color).getBytes(charset);
    }

    /**
     * Writes the report of {@link #part parts}, in order: the same text as {@link #render} of all their
     * findings, without holding it all in one string (a large repository's JSON report is tens of megabytes).
     */
    public void write(List<String> parts, java.io.Writer out) {
        write(parts, String::length, new JsonReport.Sink<>() {
            @Override
            public void text(String s) throws java.io.IOException {
                out.write(s);
            }

            @Override
            public void part(String p) throws java.io.IOException {
                out.write(p);
            }
        });
    }

    /**
     * As {@link #write(List, java.io.Writer)}, for parts already encoded in {@code charset} (by the threads that
     * rendered them): the report goes out as bytes, with no pass over its characters here.
     */
    public void write(List<byte[]> parts, java.io.OutputStream out, java.nio.charset.Charset charset) {
        write(parts, p -> p.length, new JsonReport.Sink<>() {
            @Override
            public void text(String s) throws java.io.IOException {
                out.write(s.getBytes(charset));
            }

            @Override
            public void part(byte[] p) throws java.io.IOException {
                out.write(p);
            }
        });
    }

    private <P> void write(List<P> parts, java.util.function.ToIntFunction<P> length, JsonReport.Sink<P> out) {
        try {
            switch (this) {
                case TEXT -> {
                    for (P p : parts) {
                        out.part(p);
                    }
                }
                case JSON -> JsonReport.write(parts, length, out);
                default -> throw new IllegalStateException(this + " is not written in parts");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Optional<ReportFormat> parse(String s) {
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(s.trim())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
