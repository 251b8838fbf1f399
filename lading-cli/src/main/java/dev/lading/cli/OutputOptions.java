package dev.lading.cli;

import picocli.CommandLine.Option;

/** How long-running commands report progress on stderr. */
final class OutputOptions {
    @Option(names = {"-q", "--quiet"}, description = "Print no progress.")
    boolean quiet;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE",
            description = "auto (a live line on a terminal, plain lines otherwise), plain, tty or quiet.")
    String progress;

    ProgressDisplay.Mode mode() {
        if (quiet) {
            return ProgressDisplay.Mode.QUIET;
        }
        return switch (progress) {
            case "auto" -> ProgressDisplay.Mode.AUTO;
            case "plain" -> ProgressDisplay.Mode.PLAIN;
            case "tty" -> ProgressDisplay.Mode.TTY;
            case "quiet" -> ProgressDisplay.Mode.QUIET;
            default -> throw CliException.usage("--progress must be auto, plain, tty or quiet, not '" + progress + "'");
        };
    }

    boolean quiet() {
        return mode() == ProgressDisplay.Mode.QUIET;
    }
}
