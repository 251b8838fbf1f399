package dev.lading.lint.rules;

import static dev.lading.lint.rules.Dl3055LabelGitHashTest.lines;
import static dev.lading.lint.rules.Dl3055LabelGitHashTest.schema;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3054LabelSpdxTest {
    private final Dl3054LabelSpdx rule = new Dl3054LabelSpdx();

    @Test
    void firesOnValuesThatAreNotOneSpdxIdentifier() {
        assertThat(lines(rule, schema("license", "spdx"), """
                FROM a:1
                LABEL license=Apache2
                LABEL license="MIT OR Apache-2.0"
                LABEL license=mit
                """)).containsExactly(2, 3, 4);
    }

    @Test
    void silentOnSpdxIdentifiers() {
        assertThat(lines(rule, schema("license", "spdx"), """
                FROM a:1
                LABEL license=Apache-2.0
                LABEL license=MIT
                LABEL license=GPL-2.0-or-later
                LABEL license=BSD-3-Clause
                """)).isEmpty();
    }
}
