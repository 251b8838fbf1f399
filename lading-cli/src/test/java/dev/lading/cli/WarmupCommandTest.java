package dev.lading.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher trains one class cache per command group from {@code __warmup GROUP} and ignores its output, so a
 * group that breaks would silently leave every later command of that group slow: each must run to the end.
 */
class WarmupCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"image", "build", "lint", "lint-full", "scan", "other"})
    void everyGroupRunsItsCommandsToTheEnd(String group) {
        Cli.Result r = Cli.run("__warmup", group);
        assertThat(r.exitCode()).as(r.all()).isZero();
    }

    @Test
    void theLaunchersGroupsAreTheOnesTheCommandKnows() throws Exception {
        // ./lading picks the cache file by group name: a group it names must be one __warmup can train
        String launcher = java.nio.file.Files.readString(java.nio.file.Path.of("..", "lading"));
        for (String g : WarmupCommand.GROUPS) {
            assertThat(launcher).contains("group=" + g);
        }
    }

    @Test
    void anUnknownGroupIsAUsageError() {
        Cli.Result r = Cli.run("__warmup", "nonsense");
        assertThat(r.exitCode()).isEqualTo(CliException.USAGE);
        assertThat(r.err()).contains("unknown warm-up group 'nonsense'");
    }
}
