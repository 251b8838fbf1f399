package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl4006PipefailTest {
    private final Dl4006Pipefail rule = new Dl4006Pipefail();

    @Test
    void firesOnPipesWithoutPipefail() {
        assertThat(lines(rule, "FROM a:1\nRUN curl -fsSL https://x | sh\n")).containsExactly(2);
    }

    @Test
    void silentWithPipefailSetOrNoPipe() {
        assertThat(lines(rule, """
                FROM a:1
                RUN set -o pipefail && curl -fsSL https://x | sh
                RUN a || b
                SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                RUN curl x | tar x
                """)).isEmpty();
        assertThat(lines(rule, "FROM a:1\nSHELL [\"pwsh\", \"-Command\"]\nRUN Get-Item x | Out-Null\n")).isEmpty();
    }
}
