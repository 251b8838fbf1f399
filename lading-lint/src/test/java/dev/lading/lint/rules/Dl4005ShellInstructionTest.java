package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl4005ShellInstructionTest {
    private final Dl4005ShellInstruction rule = new Dl4005ShellInstruction();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM a:1
                RUN ln -sf /bin/bash /bin/sh
                """)).containsExactly(2);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM a:1
                SHELL ["/bin/bash", "-c"]
                RUN ln -s /usr/bin/python3 /usr/bin/python
                RUN echo /bin/sh
                """)).isEmpty();
    }
}
