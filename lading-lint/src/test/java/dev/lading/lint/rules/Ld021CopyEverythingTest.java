package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld021CopyEverythingTest {
    private final Ld021CopyEverything rule = new Ld021CopyEverything();

    @Test
    void firesOnCopyDotInTheFinalStage() {
        assertThat(lines(rule, "FROM a:1\nWORKDIR /app\nCOPY . .\n")).containsExactly(3);
    }

    @Test
    void silentInBuildStagesAndForNamedSources() {
        assertThat(lines(rule, "FROM a:1 AS build\nCOPY . .\nFROM b:1\nCOPY --from=build . /app\nCOPY app.jar /app/\n"))
                .isEmpty();
    }
}
