package dev.lading.dockerfile;

import static dev.lading.dockerfile.ParserTestSupport.error;
import static dev.lading.dockerfile.ParserTestSupport.instructions;
import static dev.lading.dockerfile.ParserTestSupport.only;
import static dev.lading.dockerfile.ParserTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DirectivesAndLinesTest {

    @Test
    void directivesAtTheTopAreRecordedWithLowerCaseNamesAndRanges() {
        Dockerfile d = parse("# SYNTAX = docker/dockerfile:1.7  \n#escape=`\n# check=skip=JSONArgsRecommended;error=true\nFROM alpine\n");
        assertThat(d.directives()).containsExactly(
                new Directive("syntax", "docker/dockerfile:1.7", SourceRange.of(1, 1, 1, 35)),
                new Directive("escape", "`", SourceRange.of(2, 1, 2, 10)),
                new Directive("check", "skip=JSONArgsRecommended;error=true", SourceRange.of(3, 1, 3, 44)));
        assertThat(d.escape()).isEqualTo('`');
        assertThat(d.comments()).isEmpty();
    }

    @Test
    void aDirectiveAfterAnOrdinaryCommentIsJustAComment() {
        Dockerfile d = parse("# hello\n# escape=`\nFROM alpine\n");
        assertThat(d.directives()).isEmpty();
        assertThat(d.escape()).isEqualTo('\\');
        assertThat(d.comments()).extracting(Comment::text).containsExactly("hello", "escape=`");
    }

    @Test
    void aBlankLineEndsTheDirectiveSection() {
        Dockerfile d = parse("\n# escape=`\nFROM alpine\n");
        assertThat(d.directives()).isEmpty();
    }

    @Test
    void anUnknownDirectiveNameEndsTheDirectiveSection() {
        Dockerfile d = parse("# foo=bar\n# syntax=x\nFROM alpine\n");
        assertThat(d.directives()).isEmpty();
        assertThat(d.comments()).extracting(Comment::text).containsExactly("foo=bar", "syntax=x");
    }

    @Test
    void aDirectiveAfterAnInstructionIsAComment() {
        Dockerfile d = parse("FROM alpine\n# escape=`\nRUN a \\\n b\n");
        assertThat(d.directives()).isEmpty();
        assertThat(only("FROM alpine\n# escape=`\nRUN a \\\n b\n", Run.class).command())
                .isEqualTo(new CommandForm.ShellForm("a  b"));
    }

    @Test
    void repeatedDirectiveIsAnErrorAtItsLine() {
        DockerfileParseException e = error("# syntax=a\n# Syntax=b\nFROM alpine\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.problem()).isEqualTo("only one syntax parser directive can be used");
        assertThat(e.getMessage()).isEqualTo("Dockerfile:2:1: only one syntax parser directive can be used");
    }

    @Test
    void invalidEscapeTokenIsAnError() {
        DockerfileParseException e = error("# escape=x\nFROM alpine\n");
        assertThat(e.problem()).isEqualTo("invalid escape token 'x' does not match ` or \\");
        assertThat(e.hint()).contains("escape=`");
    }

    @Test
    void backtickEscapeContinuesLinesAndLeavesBackslashesAlone() {
        String text = "# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir c:\\ `\n    && echo done\nCOPY testfile.txt c:\\\n";
        List<Instruction> all = instructions(text);
        assertThat(((Run) all.get(1)).command()).isEqualTo(new CommandForm.ShellForm("dir c:\\     && echo done"));
        assertThat(((Copy) all.get(2)).destination()).isEqualTo("c:\\");
    }

    @Test
    void continuationSkipsCommentAndEmptyLinesAndWarnsAboutEmptyOnes() {
        String text = "FROM alpine\nRUN apk add \\\n# the compiler\n    gcc \\\n\n    make\nRUN echo next\n";
        Dockerfile d = parse(text);
        Run run = (Run) d.instructions().get(1);
        assertThat(run.command()).isEqualTo(new CommandForm.ShellForm("apk add     gcc     make"));
        assertThat(run.range()).isEqualTo(SourceRange.of(2, 1, 6, 9));
        assertThat(d.warnings()).hasSize(1);
        assertThat(d.warnings().get(0).range().start().line()).isEqualTo(2);
        assertThat(d.comments()).containsExactly(new Comment("the compiler", 3));
        assertThat(((Run) d.instructions().get(2)).range().start().line()).isEqualTo(7);
    }

    @Test
    void indentedCommentInsideContinuationIsSkipped() {
        Run run = only("FROM a\nRUN a \\\n   # note \\\n  b\n", Run.class);
        assertThat(run.command()).isEqualTo(new CommandForm.ShellForm("a   b"));
    }

    @Test
    void escapedEscapeAtEndOfLineIsNotAContinuation() {
        List<Instruction> all = instructions("FROM a\nRUN echo \\\\\nRUN echo two\n");
        assertThat(all).hasSize(3);
        assertThat(((Run) all.get(1)).command()).isEqualTo(new CommandForm.ShellForm("echo \\\\"));
    }

    @Test
    void blanksAfterTheEscapeStillContinue() {
        Run run = only("FROM a\nRUN echo one \\  \t\n two\n", Run.class);
        assertThat(run.command()).isEqualTo(new CommandForm.ShellForm("echo one  two"));
    }

    @Test
    void continuationAtEndOfFileEndsTheInstruction() {
        Run run = only("FROM a\nRUN echo \\", Run.class);
        assertThat(run.command()).isEqualTo(new CommandForm.ShellForm("echo"));
    }

    @Test
    void aLoneEscapeLineJoinsTheNextLine() {
        List<Instruction> all = instructions("FROM a\n\\\nRUN x\n");
        assertThat(all.get(1)).isInstanceOf(Run.class);
        assertThat(all.get(1).range().start()).isEqualTo(new Position(2, 1));
    }

    @Test
    void commentsAreAttachedToTheNextInstructionOnly() {
        Dockerfile d = parse("# first\nFROM a\n# hadolint ignore=DL3008\n\n# second line\nRUN apt-get install x\nRUN y\n");
        assertThat(d.instructions().get(0).comments()).extracting(Comment::text).containsExactly("first");
        assertThat(d.instructions().get(1).comments()).containsExactly(
                new Comment("hadolint ignore=DL3008", 3), new Comment("second line", 5));
        assertThat(d.instructions().get(2).comments()).isEmpty();
    }

    @Test
    void crlfLineEndingsAreHandled() {
        Dockerfile d = parse("FROM a\r\nRUN one \\\r\n two\r\nCOPY <<EOF /x\r\nbody\r\nEOF\r\n");
        assertThat(((Run) d.instructions().get(1)).command()).isEqualTo(new CommandForm.ShellForm("one  two"));
        Copy c = (Copy) d.instructions().get(2);
        assertThat(c.heredocs().get(0).rawContent()).isEqualTo("body\r\n");
    }

    @Test
    void byteOrderMarkIsDropped() {
        Dockerfile d = parse("\uFEFF# syntax=x\nFROM a\n");
        assertThat(d.directives()).extracting(Directive::value).containsExactly("x");
    }

    @Test
    void keywordsAreCaseInsensitiveAndKeptAsWritten() {
        List<Instruction> all = instructions("from alpine As Base\nRun echo\nfRoM base\n");
        assertThat(all).hasSize(3);
        assertThat(all.get(0).source().keyword()).isEqualTo("from");
        assertThat(all.get(1).source().keyword()).isEqualTo("Run");
        assertThat(((From) all.get(0)).stageName()).contains("base");
        assertThat(((From) all.get(0)).name()).contains("Base");
    }

    @Test
    void rangesStartAtTheKeywordAndEndAfterTheLastCharacter() {
        Dockerfile d = parse("FROM a\n   RUN   --network=none  echo  hi  \n");
        Run r = (Run) d.instructions().get(1);
        assertThat(r.range()).isEqualTo(SourceRange.of(2, 4, 2, 34));
        assertThat(r.flags()).containsExactly(new Flag("network", java.util.Optional.of("none"), SourceRange.of(2, 10, 2, 24)));
        assertThat(r.original()).isEqualTo("RUN   --network=none  echo  hi");
        assertThat(r.command()).isEqualTo(new CommandForm.ShellForm("echo  hi"));
    }

    @Test
    void flagOnAContinuationLineKeepsItsOwnPosition() {
        Copy c = only("FROM a\nCOPY \\\n  --chown=1:1 \\\n  a b\n", Copy.class);
        assertThat(c.flags().get(0).range()).isEqualTo(SourceRange.of(3, 3, 3, 14));
        assertThat(c.range()).isEqualTo(SourceRange.of(2, 1, 4, 6));
    }

    @Test
    void emptyFileIsAnError() {
        assertThat(error("").problem()).isEqualTo("the Dockerfile cannot be empty");
        assertThat(error("\n  \n").problem()).isEqualTo("the Dockerfile cannot be empty");
        assertThat(error("# only a comment\n\n").problem()).isEqualTo("file with no instructions");
    }

    @Test
    void unknownInstructionIsReportedWithPositionAndSuggestion() {
        DockerfileParseException e = error("FROM a\n  RUNN echo\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.problem()).isEqualTo("unknown instruction: RUNN");
        assertThat(e.hint()).isEqualTo("did you mean RUN?");
    }

    @Test
    void instructionBeforeFromOtherThanArgIsAnError() {
        DockerfileParseException e = error("ARG A=1\nRUN echo\nFROM a\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.problem()).contains("no build stage in current context");
    }

    @Test
    void globalArgsAndStagesAreGrouped() {
        Dockerfile d = parse("ARG V=1\nARG W\nFROM a AS one\nRUN x\nFROM one\nCOPY --from=one /a /b\n");
        assertThat(d.globalArgs()).hasSize(2);
        assertThat(d.stages()).hasSize(2);
        assertThat(d.stages().get(0).name()).contains("one");
        assertThat(d.stages().get(0).instructions()).hasSize(1);
        assertThat(d.stages().get(1).name()).isEmpty();
        assertThat(d.stage("ONE")).contains(d.stages().get(0));
        assertThat(d.stage("1")).contains(d.stages().get(1));
        assertThat(d.finalStage()).contains(d.stages().get(1));
    }

    @Test
    void duplicateStageNameOnlyWarnsAndLookupsBindTheLastOne() {
        Dockerfile d = parse("FROM a AS x\nFROM b AS X\n");
        assertThat(d.warnings()).extracting(ParseWarning::message).containsExactly("duplicate stage name \"x\" (also used on line 1)");
        assertThat(d.warnings().get(0).range().start().line()).isEqualTo(2);
        assertThat(d.stage("x")).contains(d.stages().get(1));
    }

    @Test
    void physicalLinesLongerThanBuildKitsScannerBufferAreErrors() {
        String ok = "FROM a\nRUN " + "x".repeat(65535 - 4) + "\n";
        assertThat(parse(ok).instructions()).hasSize(2);
        DockerfileParseException e = error("FROM a\nRUN " + "é".repeat(40000) + "\n");
        assertThat(e.problem()).isEqualTo("dockerfile line greater than max allowed size of 65535");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void onlyArgsAndNoFromIsAnError() {
        DockerfileParseException e = error("ARG A=1\nARG B\n");
        assertThat(e.problem()).isEqualTo("dockerfile contains no stages to build");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void lineParserErrorsLaterInTheFileWinOverInstructionErrorsEarlier() {
        // BuildKit splits the whole file first, then checks instructions
        DockerfileParseException e = error("FROM a\nCOPY --bogus=1 a b\nENV lonely\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).isEqualTo("ENV must have two arguments");
    }
}
