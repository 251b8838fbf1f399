package dev.lading.lint.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.dockerfile.DockerfileParser;
import dev.lading.lint.LintConfig;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntaxDirectiveFixTest {
    private static String fix(String text) {
        return Fixes.only("syntax", text);
    }

    @Test
    void addsTheDirectiveAsLineOne() {
        assertThat(fix("FROM debian:12\nRUN true\n")).isEqualTo("# syntax=docker/dockerfile:1\nFROM debian:12\nRUN true\n");
    }

    @Test
    void followsTheFilesLineEndingsAndKeepsAByteOrderMarkFirst() {
        assertThat(fix("FROM debian:12\r\nRUN true\r\n")).isEqualTo("# syntax=docker/dockerfile:1\r\nFROM debian:12\r\nRUN true\r\n");
        assertThat(fix("\uFEFFFROM debian:12\n")).isEqualTo("\uFEFF# syntax=docker/dockerfile:1\nFROM debian:12\n");
    }

    @Test
    void otherDirectivesStayDirectives() throws Exception {
        String fixed = fix("# escape=`\n# check=error=true\nFROM debian:12\nRUN echo a `\n  b\n");
        assertThat(fixed).isEqualTo("# syntax=docker/dockerfile:1\n# escape=`\n# check=error=true\nFROM debian:12\nRUN echo a `\n  b\n");
        var df = DockerfileParser.parse("Dockerfile", fixed);
        assertThat(df.escape()).isEqualTo('`');
        assertThat(df.directives()).extracting(d -> d.name()).containsExactly("syntax", "escape", "check");
    }

    @Test
    void leavesAFileWithASyntaxDirectiveOrWhereTheRuleIsIgnored() {
        String pinned = "# syntax=docker/dockerfile:1.7\nFROM debian:12\n";
        assertThat(fix(pinned)).isEqualTo(pinned);
        String text = "FROM debian:12\n";
        var r = new Fixer(LintConfig.empty().withIgnored(Set.of("LD001")), Set.of(), java.util.Optional.empty())
                .fix("Dockerfile", text, java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
        assertThat(r.fixed()).isEqualTo(text);
    }
}
