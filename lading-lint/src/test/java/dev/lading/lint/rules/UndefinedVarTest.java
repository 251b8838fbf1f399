package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UndefinedVarTest {
    private final UndefinedVar rule = new UndefinedVar();

    @Test
    void firesOnAnUndefinedVariableInAScratchStage() {
        assertThat(lines(rule, "FROM scratch\nARG VERSION=1\nCOPY app-$VERSON /app\nWORKDIR $HOME/x\n"))
                .containsExactly(3, 4);
        assertThat(lint(rule, "FROM scratch\nARG VERSION=1\nCOPY app-$VERSON /app\n").get(0).message())
                .contains("'$VERSON'").contains("did you mean $VERSION?");
    }

    @Test
    void firesInAStageBuiltOnAScratchStage() {
        assertThat(lines(rule, "FROM scratch AS base\nENV A=1\nFROM base\nLABEL x=$A y=$B\n")).containsExactly(4);
    }

    @Test
    void silentWhenTheBaseImageMayDefineIt() {
        // JAVA_HOME may be in debian's or a JDK image's ENV: only BuildKit, with the image, can tell
        assertThat(lines(rule, "FROM eclipse-temurin:21\nENV PATH=$JAVA_HOME/bin:$PATH\nWORKDIR $HOME\n")).isEmpty();
    }

    @Test
    void silentForDeclaredArgsEnvAndPath() {
        assertThat(lines(rule, """
                FROM scratch
                ARG NOVALUE
                ARG V=1
                ENV P=/opt/$V
                ENV PATH=$P/bin:$PATH
                COPY x-$NOVALUE /$P
                RUN echo $UNSET_IN_RUN_IS_THE_SHELLS_BUSINESS
                """)).isEmpty();
    }
}
