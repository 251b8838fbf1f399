package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld016ArgScopeTest {
    private final Ld016ArgScope rule = new Ld016ArgScope();

    @Test
    void firesWhenAStageUsesAGlobalArgWithoutRedeclaring() {
        assertThat(lines(rule, "ARG VERSION=1.2\nFROM a:${VERSION}\nRUN echo $VERSION\nLABEL v=${VERSION}\n"))
                .containsExactly(3, 4);
    }

    @Test
    void silentWhenRedeclaredOrSetByEnvOrOnlyInFrom() {
        assertThat(lines(rule, "ARG VERSION=1.2\nFROM a:${VERSION}\nARG VERSION\nRUN echo $VERSION\n")).isEmpty();
        assertThat(lines(rule, "ARG V=1\nFROM a:$V\nENV V=2\nRUN echo $V\n")).isEmpty();
        assertThat(lines(rule, "ARG V=1\nFROM a:$V\nRUN echo $OTHER\n")).isEmpty();
        assertThat(lines(rule, "ARG V=1\nFROM a:$V\nRUN V=2 && echo $V\nRUN for V in a b; do echo $V; done\n")).isEmpty();
        assertThat(lines(rule, "ARG V=1\nFROM a:$V\nRUN NOTV=2 && echo $V\n")).containsExactly(3);
    }
}
