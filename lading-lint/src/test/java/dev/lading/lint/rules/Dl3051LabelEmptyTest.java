package dev.lading.lint.rules;

import static dev.lading.lint.rules.Dl3055LabelGitHashTest.lines;
import static dev.lading.lint.rules.Dl3055LabelGitHashTest.schema;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.LintConfig;
import org.junit.jupiter.api.Test;

class Dl3051LabelEmptyTest {
    private final Dl3051LabelEmpty rule = new Dl3051LabelEmpty();

    @Test
    void firesOnAnEmptySchemaLabel() {
        assertThat(lines(rule, schema("maintainer", "text"), "FROM a:1\nLABEL maintainer=\"\"\nLABEL maintainer=\n"))
                .containsExactly(2, 3);
    }

    @Test
    void silentOnValuesOtherLabelsUnknownsAndWithoutSchema() {
        assertThat(lines(rule, schema("maintainer", "text"), "FROM a:1\nLABEL maintainer=me other=\"\"\nARG M\nLABEL maintainer=$M\n"))
                .isEmpty();
        assertThat(lines(rule, LintConfig.empty(), "FROM a:1\nLABEL maintainer=\"\"\n")).isEmpty();
    }
}
