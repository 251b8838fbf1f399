package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3042PipNoCacheDirTest {
    private final Dl3042PipNoCacheDir rule = new Dl3042PipNoCacheDir();

    @Test
    void firesWithoutNoCacheDir() {
        assertThat(lines(rule, "FROM a:1\nRUN pip install -U pip\n")).containsExactly(2);
    }

    @Test
    void silentWithNoCacheDir() {
        assertThat(lines(rule, "FROM a:1\nRUN pip install --no-cache-dir -U pip\nRUN pip freeze\n")).isEmpty();
    }
}
