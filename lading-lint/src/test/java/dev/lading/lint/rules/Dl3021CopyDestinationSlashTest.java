package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3021CopyDestinationSlashTest {
    private final Dl3021CopyDestinationSlash rule = new Dl3021CopyDestinationSlash();

    @Test
    void firesWithoutSlash() {
        assertThat(lines(rule, "FROM a:1\nCOPY a b /dest\n")).containsExactly(2);
    }

    @Test
    void silentWithSlashOrOneSource() {
        assertThat(lines(rule, "FROM a:1\nCOPY a b /dest/\nCOPY a /dest\nCOPY [\"a\", \"b\", \"/d/\"]\n")).isEmpty();
    }
}
