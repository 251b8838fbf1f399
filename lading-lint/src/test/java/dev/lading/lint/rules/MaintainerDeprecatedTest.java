package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaintainerDeprecatedTest {
    @Test
    void firesOnMaintainerUnderBothNames() {
        assertThat(lines(new MaintainerDeprecated(), "FROM a:1\nMAINTAINER me\n")).containsExactly(2);
        assertThat(lines(new Dl4000Maintainer(), "FROM a:1\nMAINTAINER me\n")).containsExactly(2);
    }

    @Test
    void silentWithLabel() {
        assertThat(lines(new MaintainerDeprecated(), "FROM a:1\nLABEL maintainer=me\n")).isEmpty();
        assertThat(lines(new Dl4000Maintainer(), "FROM a:1\nLABEL maintainer=me\n")).isEmpty();
    }
}
