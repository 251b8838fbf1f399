package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonArgsRecommendedTest {
    private final JsonArgsRecommended rule = new JsonArgsRecommended();

    @Test
    void firesOnShellFormCmdAndEntrypoint() {
        assertThat(lines(rule, "FROM a:1\nCMD node server.js\nENTRYPOINT exec /app\n")).containsExactly(2, 3);
    }

    @Test
    void silentOnExecFormAndRun() {
        assertThat(lines(rule, "FROM a:1\nRUN echo hi\nCMD [\"node\", \"server.js\"]\nENTRYPOINT [\"/app\"]\n")).isEmpty();
    }

    @Test
    void silentOnceSHELLIsSetInTheStageOrItsParent() {
        assertThat(lines(rule, """
                FROM a:1 AS base
                SHELL ["/bin/bash", "-c"]
                CMD echo in bash
                FROM base AS child
                CMD echo still bash
                FROM a:1
                CMD echo plain sh
                """)).containsExactly(7);
    }

    @Test
    void shellAfterTheCmdDoesNotExcuseIt() {
        assertThat(lines(rule, "FROM a:1\nCMD echo hi\nSHELL [\"/bin/bash\", \"-c\"]\n")).containsExactly(2);
    }
}
