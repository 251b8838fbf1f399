package dev.lading.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's class cache is trained by __warmup; its lint step must really run a lint in every format. */
class WarmupLintTest {
    @Test
    void theWarmupLintReportsFindingsInEveryFormat(@TempDir Path dir) throws Exception {
        // exit 1 is "findings at or above the threshold": parsing, rules and rendering all ran
        assertThat(WarmupCommand.lint(dir.resolve("lint"))).containsExactly(1, 1, 1, 1, 1);
    }
}
