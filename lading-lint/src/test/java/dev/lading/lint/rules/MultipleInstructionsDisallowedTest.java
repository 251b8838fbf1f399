package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MultipleInstructionsDisallowedTest {
    private final MultipleInstructionsDisallowed rule = new MultipleInstructionsDisallowed();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM a:1
                CMD ["a"]
                ENTRYPOINT ["x"]
                CMD ["b"]
                HEALTHCHECK CMD ["c"]
                HEALTHCHECK NONE
                CMD ["d"]
                """)).containsExactly(2, 4, 5);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM a:1
                CMD ["a"]
                ENTRYPOINT ["x"]
                HEALTHCHECK NONE
                FROM a:1
                CMD ["b"]
                ENTRYPOINT ["y"]
                """)).isEmpty();
    }
}
