package dev.lading.lint.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lading.dockerfile.SourceRange;
import dev.lading.lint.Finding;
import dev.lading.lint.Severity;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A report written from per-file parts (each rendered by the thread that linted the file) is the report of all
 * the findings rendered at once, byte for byte, however the findings fall into files.
 */
class ReportPartsTest {

    @Provide
    Arbitrary<List<List<Finding>>> files() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars('"', '\\', '\n', '\t', 'é', '✓')
                .ofMaxLength(30);
        Arbitrary<Finding> finding = Combinators.combine(Arbitraries.of("LD004", "DL3008", "SC2086", "JSONArgsRecommended"),
                        Arbitraries.of(Severity.values()), text, text, Arbitraries.integers().between(1, 500),
                        Arbitraries.of(List.<String>of(), List.of("DL3015"), List.of("DL3015", "LD017")))
                .as((id, sev, message, file, line, twins) -> new Finding(id, sev, message, file,
                        SourceRange.of(line, 1, line, 9), "docs/rules/" + id + ".md", twins));
        return finding.list().ofMaxSize(5).list().ofMaxSize(8);
    }

    @Property(tries = 300)
    void jsonInPartsIsTheWholeReport(@ForAll("files") List<List<Finding>> files) {
        assertThat(inParts(ReportFormat.JSON, files, false)).isEqualTo(ReportFormat.JSON.render(flat(files), List.of(), false));
    }

    @Property(tries = 300)
    void textInPartsIsTheWholeReport(@ForAll("files") List<List<Finding>> files) {
        assertThat(inParts(ReportFormat.TEXT, files, false)).isEqualTo(ReportFormat.TEXT.render(flat(files), List.of(), false));
        assertThat(inParts(ReportFormat.TEXT, files, true)).isEqualTo(ReportFormat.TEXT.render(flat(files), List.of(), true));
    }

    /** A JSON part asked for in a charset is its text in that charset (UTF-8 is written directly). */
    @Property(tries = 200)
    void jsonPartsInACharsetAreTheTextEncoded(@ForAll("files") List<List<Finding>> files) {
        for (List<Finding> findings : files) {
            String text = ReportFormat.JSON.part(findings, false);
            for (java.nio.charset.Charset cs : List.of(java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.charset.StandardCharsets.US_ASCII, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                assertThat(ReportFormat.JSON.part(findings, false, cs)).isEqualTo(text.getBytes(cs));
            }
        }
    }

    @Test
    void noFindingsInAnyFileIsAnEmptyArray() {
        assertThat(inParts(ReportFormat.JSON, List.of(List.of(), List.of()), false)).isEqualTo("[ ]\n");
        assertThat(inParts(ReportFormat.JSON, List.of(), false)).isEqualTo("[ ]\n");
    }

    @Test
    void onlyTextAndJsonAreWrittenInParts() {
        assertThat(ReportFormat.TEXT.inParts()).isTrue();
        assertThat(ReportFormat.JSON.inParts()).isTrue();
        for (ReportFormat f : List.of(ReportFormat.SARIF, ReportFormat.CHECKSTYLE, ReportFormat.GITLAB)) {
            assertThat(f.inParts()).isFalse();
            assertThatThrownBy(() -> f.part(List.of(), false)).isInstanceOf(IllegalStateException.class);
        }
    }

    private static String inParts(ReportFormat format, List<List<Finding>> files, boolean color) {
        List<String> parts = new ArrayList<>();
        for (List<Finding> file : files) {
            parts.add(format.part(file, color));
        }
        StringWriter out = new StringWriter();
        format.write(parts, out);
        return out.toString();
    }

    private static List<Finding> flat(List<List<Finding>> files) {
        return files.stream().flatMap(List::stream).toList();
    }
}
