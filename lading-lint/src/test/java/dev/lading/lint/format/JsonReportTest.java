package dev.lading.lint.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lading.dockerfile.SourceRange;
import dev.lading.lint.Finding;
import dev.lading.lint.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON report is written by hand; it must stay the document (and the bytes) tools got before. */
class JsonReportTest {
    private static final ObjectMapper INDENTING = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final List<Finding> FINDINGS = List.of(
            new Finding("LD007", Severity.WARNING, "quote \" backslash \\ tab \t newline \n cr \r bell \u0007 nul \u0000 "
                    + "esc \u001b del \u007f slash / unicode é ✓ 🐳 \u2028", "dir/Docker\"file", SourceRange.of(3, 1, 5, 12),
                    "docs/rules/LD007.md", List.of("DL3015", "LD017")),
            new Finding("DL3008", Severity.ERROR, "", "Dockerfile", SourceRange.of(1, 2, 1, 3),
                    "https://github.com/hadolint/hadolint/wiki/DL3008"));

    /** What the report was before: Jackson's indented tree of the same fields. */
    private static String jacksonTree(List<Finding> findings) throws Exception {
        ArrayNode arr = INDENTING.createArrayNode();
        for (Finding f : findings) {
            ObjectNode o = arr.addObject();
            o.put("code", f.displayId());
            o.put("column", f.column());
            o.put("file", f.file());
            o.put("level", f.severity().label());
            o.put("line", f.line());
            o.put("message", f.message());
            o.put("endLine", f.range().end().line());
            o.put("endColumn", f.range().end().column());
            o.put("docUrl", f.docUrl());
            f.ids().forEach(o.putArray("codes")::add);
        }
        return INDENTING.writeValueAsString(arr) + "\n";
    }

    @Test
    void sameBytesAsAnIndentedJacksonTree() throws Exception {
        assertThat(JsonReport.render(FINDINGS)).isEqualTo(jacksonTree(FINDINGS));
        assertThat(JsonReport.render(List.of())).isEqualTo(jacksonTree(List.of()));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<Finding>> anyText() {
        // any UTF-16 text: control characters, Latin-1, '…', emoji (surrogate pairs) and surrogates on their own
        net.jqwik.api.Arbitrary<String> text = net.jqwik.api.Arbitraries.strings().all().ofMaxLength(40);
        return net.jqwik.api.Combinators.combine(text, text, net.jqwik.api.Arbitraries.integers().between(1, 100000))
                .as((message, file, line) -> new Finding("LD004", Severity.WARNING, message, file,
                        SourceRange.of(line, 1, line, 9), "docs/rules/LD004.md", List.of("DL3007")))
                .list().ofMaxSize(4);
    }

    /**
     * The report is written as UTF-8 bytes: they are Jackson's document encoded as the JDK encodes it (a surrogate
     * without its other half is '?'), whatever the text, and each part alone is the same bytes as its text.
     */
    @net.jqwik.api.Property(tries = 500)
    void utf8BytesAreJacksonsDocumentEncoded(@net.jqwik.api.ForAll("anyText") List<Finding> findings) throws Exception {
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        assertThat(JsonReport.render(findings).getBytes(utf8)).isEqualTo(jacksonTree(findings).getBytes(utf8));
        assertThat(JsonReport.partUtf8(findings)).isEqualTo(JsonReport.part(findings).getBytes(utf8));
    }

    @Test
    void parsesBackToTheFindings() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(JsonReport.render(FINDINGS));
        assertThat(doc.get(0).get("message").asText()).isEqualTo(FINDINGS.get(0).message());
        assertThat(doc.get(0).get("file").asText()).isEqualTo("dir/Docker\"file");
        assertThat(doc.get(0).get("codes")).hasSize(3);
        assertThat(doc.get(1).get("code").asText()).isEqualTo("DL3008");
        assertThat(doc.get(1).get("endColumn").asInt()).isEqualTo(3);
    }
}
