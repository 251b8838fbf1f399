package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.dockerfile.SourceRange;
import dev.lading.lint.RuleTester;
import org.junit.jupiter.api.Test;

class NoEmptyContinuationTest {
    private final NoEmptyContinuation rule = new NoEmptyContinuation();

    @Test
    void firesOnceForEachInstructionWithAnEmptyContinuationLine() {
        String df = """
                FROM alpine
                RUN apk add \\

                    gnupg \\
                \t
                    curl
                EXPOSE \\

                80
                """;
        assertThat(lines(rule, df)).containsExactly(2, 7);
        assertThat(RuleTester.lint(rule, df).get(0).range()).isEqualTo(SourceRange.of(2, 1, 6, 9));
        assertThat(RuleTesterMessages.first(rule, df)).startsWith("Empty continuation line found in: RUN apk add");
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM alpine
                EXPOSE \\
                # Port
                80
                RUN apk add \\
                    curl

                RUN <<EOF
                echo a

                echo b
                EOF
                """)).isEmpty();
    }

    @Test
    void theInlinePragmaAndBuildKitsSkipWork() {
        assertThat(lines(rule, "FROM alpine\n# lading ignore=NoEmptyContinuation\nEXPOSE \\\n\n80\n")).isEmpty();
        assertThat(lines(rule, "# check=skip=NoEmptyContinuation\nFROM alpine\nEXPOSE \\\n\n80\n")).isEmpty();
    }
}
