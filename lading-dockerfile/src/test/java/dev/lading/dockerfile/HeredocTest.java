package dev.lading.dockerfile;

import static dev.lading.dockerfile.ParserTestSupport.error;
import static dev.lading.dockerfile.ParserTestSupport.instructions;
import static dev.lading.dockerfile.ParserTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeredocTest {

    @Test
    void runHeredocKeepsBodyAndDelimiterRange() {
        Run run = only("FROM a\nRUN <<EOF\necho $HOME\n  indented\nEOF\nRUN next\n".replace("RUN next\n", ""), Run.class);
        assertThat(run.command()).isEqualTo(new CommandForm.ShellForm("<<EOF"));
        assertThat(run.heredocs()).containsExactly(new Heredoc("<<EOF", "EOF", 0, true, false,
                "echo $HOME\n  indented\n", SourceRange.of(3, 1, 5, 4)));
        assertThat(run.range()).isEqualTo(SourceRange.of(2, 1, 5, 4));
    }

    @Test
    void instructionAfterHeredocStartsAfterTheDelimiter() {
        List<Instruction> all = instructions("FROM a\nRUN <<EOF\nx\nEOF\nRUN y\n");
        assertThat(all).hasSize(3);
        assertThat(all.get(2).range().start().line()).isEqualTo(5);
    }

    @Test
    void dashHeredocStripsLeadingTabsFromBodyAndDelimiter() {
        Run run = only("FROM a\nRUN <<-EOT\n\t\techo hi\n\t  keep spaces\n\tEOT\n", Run.class);
        Heredoc h = run.heredocs().get(0);
        assertThat(h.chomp()).isTrue();
        assertThat(h.rawContent()).isEqualTo("\t\techo hi\n\t  keep spaces\n");
        assertThat(h.content()).isEqualTo("echo hi\n  keep spaces\n");
    }

    @Test
    void withoutDashATabIndentedDelimiterDoesNotEndTheBody() {
        DockerfileParseException e = error("FROM a\nRUN <<EOT\necho\n\tEOT\n");
        assertThat(e.problem()).startsWith("unterminated heredoc");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.hint()).contains("EOT");
    }

    @Test
    void delimiterWithTrailingSpaceDoesNotEndTheBody() {
        assertThat(error("FROM a\nRUN <<EOF\nx\nEOF \n").problem()).startsWith("unterminated heredoc");
    }

    @Test
    void quotedDelimitersTurnOffExpansion() {
        Run dq = only("FROM a\nRUN <<\"EOF\"\n$X\nEOF\n", Run.class);
        Run sq = only("FROM a\nRUN <<'EOF'\n$X\nEOF\n", Run.class);
        Run part = only("FROM a\nRUN <<E\"O\"F\n$X\nEOF\n", Run.class);
        Run plain = only("FROM a\nRUN <<EOF\n$X\nEOF\n", Run.class);
        assertThat(dq.heredocs().get(0).expand()).isFalse();
        assertThat(dq.heredocs().get(0).name()).isEqualTo("EOF");
        assertThat(sq.heredocs().get(0).expand()).isFalse();
        assertThat(part.heredocs().get(0).name()).isEqualTo("EOF");
        assertThat(part.heredocs().get(0).expand()).isFalse();
        assertThat(plain.heredocs().get(0).expand()).isTrue();
    }

    @Test
    void severalHeredocsOnOneInstructionAreReadInOrder() {
        Copy c = only("FROM a\nCOPY <<one.txt <<two.txt /dest/\nfirst\none.txt\nsecond\ntwo.txt\n", Copy.class);
        assertThat(c.sources()).containsExactly("<<one.txt", "<<two.txt");
        assertThat(c.destination()).isEqualTo("/dest/");
        assertThat(c.heredocs()).extracting(Heredoc::name).containsExactly("one.txt", "two.txt");
        assertThat(c.heredocs()).extracting(Heredoc::rawContent).containsExactly("first\n", "second\n");
        assertThat(c.heredocs().get(1).range()).isEqualTo(SourceRange.of(5, 1, 6, 8));
    }

    @Test
    void fileDescriptorPrefixIsKept() {
        Run run = only("FROM a\nRUN cat 3<<IN\ndata\nIN\n", Run.class);
        assertThat(run.heredocs().get(0).fileDescriptor()).isEqualTo(3);
        assertThat(run.heredocs().get(0).word()).isEqualTo("3<<IN");
    }

    @Test
    void heredocInsideQuotesIsNotAHeredoc() {
        // '<<' only starts a heredoc at the start of a word, outside quotes: no body is read for these
        List<Instruction> all = instructions("FROM a\nRUN echo \"<<EOF\"\nRUN echo a<<EOF\nRUN echo '<<EOF'\n");
        assertThat(all).hasSize(4);
        assertThat(all.subList(1, 4)).allSatisfy(i -> assertThat(((Run) i).heredocs()).isEmpty());
    }

    @Test
    void heredocsAreOnlyForRunCopyAndAdd() {
        // CMD <<EOF is not a heredoc: the next line is a new instruction
        DockerfileParseException e = error("FROM a\nCMD <<EOF\nhello\nEOF\n");
        assertThat(e.problem()).isEqualTo("unknown instruction: hello");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void execFormRunHasNoHeredocs() {
        DockerfileParseException e = error("FROM a\nRUN [\"cat\", \"<<EOF\"]\nbody\nEOF\n");
        assertThat(e.problem()).isEqualTo("unknown instruction: body");
    }

    @Test
    void addHeredocAndOnbuildHeredoc() {
        List<Instruction> all = instructions("FROM a\nADD <<EOF /x\nbody\nEOF\nONBUILD RUN <<EOF\nbuild\nEOF\n");
        Add add = (Add) all.get(1);
        assertThat(add.heredocs()).extracting(Heredoc::rawContent).containsExactly("body\n");
        Onbuild onbuild = (Onbuild) all.get(2);
        assertThat(onbuild.trigger()).get().isInstanceOf(Run.class);
        assertThat(((Run) onbuild.trigger().get()).heredocs()).extracting(Heredoc::rawContent).containsExactly("build\n");
        assertThat(onbuild.expression()).isEqualTo("RUN <<EOF\nbuild\nEOF");
    }

    @Test
    void heredocAsDestinationIsAnError() {
        assertThat(error("FROM a\nCOPY x <<EOF\nb\nEOF\n").problem()).isEqualTo("COPY cannot accept a heredoc as a destination");
    }

    @Test
    void bodyLinesLookingLikeCommentsOrDirectivesAreBodyText() {
        Run run = only("FROM a\nRUN <<EOF\n# not a comment\n\\\n\nEOF\n", Run.class);
        assertThat(run.heredocs().get(0).rawContent()).isEqualTo("# not a comment\n\\\n\n");
    }

    @Test
    void heredocAfterFlagsAndWithContinuation() {
        Run run = only("FROM a\nRUN --mount=type=cache,target=/c \\\n  <<EOF bash\nset -e\nEOF\n", Run.class);
        assertThat(run.heredocs()).hasSize(1);
        assertThat(run.range()).isEqualTo(SourceRange.of(2, 1, 5, 4));
    }

    @Test
    void unbalancedQuoteOnTheLineMeansNoHeredocs() {
        // BuildKit lexes the whole line; a lexing error means no heredocs are looked for
        List<Instruction> all = instructions("FROM a\nRUN echo \"unterminated <<EOF\nRUN echo x\n");
        assertThat(((Run) all.get(1)).heredocs()).isEmpty();
        assertThat(all).hasSize(3);
    }

    /** Mirrors BuildKit's TestParseExtractsHeredoc (minus the USER line, whose body line is an unknown instruction). */
    @Test
    void buildKitHeredocExtractionCases() {
        String text = String.join("\n", "FROM alpine:3.6", "", "ENV NAME=me", "", "RUN ls", "",
                "RUN <<EMPTY", "EMPTY", "", "RUN 3<<EMPTY2", "EMPTY2", "", "RUN \"<<NOHEREDOC\"", "",
                "RUN <<INDENT", "\tfoo", "\tbar", "INDENT", "", "RUN <<-UNINDENT", "\tbaz", "\tquux", "UNINDENT", "",
                "RUN <<-UNINDENT2", "\tbaz", "\tquux", "\tUNINDENT2", "", "RUN <<-EXPAND", "\texpand $NAME", "EXPAND", "",
                "RUN <<-'NOEXPAND'", "\tdon't expand $NAME", "NOEXPAND", "", "RUN <<COPY", "echo hello world", "echo foo bar",
                "COPY", "", "RUN <<COMMENT", "# internal comment", "echo hello world", "echo foo bar # trailing comment",
                "COMMENT", "", "RUN --mount=type=cache,target=/foo <<MOUNT", "echo hello", "MOUNT", "",
                "COPY <<FILE1 <<FILE2 /dest", "content 1", "FILE1", "content 2", "FILE2", "",
                "COPY <<X <<Y /dest", "Y", "X", "X", "Y", "\t");
        List<Instruction> all = instructions(text);
        record H(String name, String content, boolean expand, boolean chomp, int fd) {
        }
        java.util.function.Function<Instruction, List<H>> heredocs = i -> switch (i) {
            case Run r -> r.heredocs().stream().map(h -> new H(h.name(), h.rawContent(), h.expand(), h.chomp(), h.fileDescriptor())).toList();
            case Copy c -> c.heredocs().stream().map(h -> new H(h.name(), h.rawContent(), h.expand(), h.chomp(), h.fileDescriptor())).toList();
            default -> List.of();
        };
        assertThat(all.stream().skip(1).map(heredocs).toList()).containsExactly(
                List.of(),
                List.of(),
                List.of(new H("EMPTY", "", true, false, 0)),
                List.of(new H("EMPTY2", "", true, false, 3)),
                List.of(),
                List.of(new H("INDENT", "\tfoo\n\tbar\n", true, false, 0)),
                List.of(new H("UNINDENT", "\tbaz\n\tquux\n", true, true, 0)),
                List.of(new H("UNINDENT2", "\tbaz\n\tquux\n", true, true, 0)),
                List.of(new H("EXPAND", "\texpand $NAME\n", true, true, 0)),
                List.of(new H("NOEXPAND", "\tdon't expand $NAME\n", false, true, 0)),
                List.of(new H("COPY", "echo hello world\necho foo bar\n", true, false, 0)),
                List.of(new H("COMMENT", "# internal comment\necho hello world\necho foo bar # trailing comment\n", true, false, 0)),
                List.of(new H("MOUNT", "echo hello\n", true, false, 0)),
                List.of(new H("FILE1", "content 1\n", true, false, 0), new H("FILE2", "content 2\n", true, false, 0)),
                List.of(new H("X", "Y\n", true, false, 0), new H("Y", "X\n", true, false, 0)));
    }

    @Test
    void delimiterWordForms() {
        for (String w : List.of("<<EOF", "<<'EOF'", "<<\"EOF\"", "<<-EOF", "<<-'EOF'", "<<-\"EOF\"")) {
            Run r = only("FROM a\nRUN " + w + "\nx\nEOF\n", Run.class);
            assertThat(r.heredocs()).extracting(Heredoc::name).containsExactly("EOF");
        }
        for (String notHeredoc : List.of("<<", "<<-", "<EOF", "<<<EOF")) {
            Run r = only("FROM a\nRUN cat " + notHeredoc + "\n", Run.class);
            assertThat(r.heredocs()).isEmpty();
        }
    }
}
