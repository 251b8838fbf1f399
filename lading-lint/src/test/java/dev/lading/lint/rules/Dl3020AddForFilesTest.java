package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3020AddForFilesTest {
    private final Dl3020AddForFiles rule = new Dl3020AddForFiles();

    @Test
    void firesForFilesAndFolders() {
        assertThat(lines(rule, "FROM a:1\nADD src/ /app/src/\n")).containsExactly(2);
    }

    @Test
    void silentForUrlsAndArchives() {
        assertThat(lines(rule, "FROM a:1\nADD https://example.com/f /f\nADD x.tar.xz /opt/\n")).isEmpty();
    }
}
