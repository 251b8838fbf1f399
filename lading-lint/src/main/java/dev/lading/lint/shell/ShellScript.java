package dev.lading.lint.shell;

import java.util.List;

/**
 * A parsed shell script: every simple command it runs, in source order, including those inside
 * subshells, brace groups, {@code if}/{@code for}/{@code while} bodies, command substitutions
 * ({@code $(…)}, {@code `…`}) and {@code sh -c '…'} strings.
 *
 * @param commands         the simple commands
 * @param hasPipeline      true when some pipeline joins two or more commands with {@code |}
 * @param setsPipefail     true when the script runs {@code set -o pipefail} (or {@code set -eo pipefail})
 * @param complete         false when the parser met something it does not understand (an unterminated
 *                         quote, {@code case} patterns…); the commands are then what it read before that
 */
public record ShellScript(List<SimpleCommand> commands, boolean hasPipeline, boolean setsPipefail, boolean complete) {
    public ShellScript {
        commands = List.copyOf(commands);
    }

    /** The commands whose name is one of {@code names}. */
    public List<SimpleCommand> commands(String... names) {
        List<SimpleCommand> out = new java.util.ArrayList<>();
        for (SimpleCommand c : commands) { // a loop, not a stream: rules ask this of every RUN
            if (c.is(names)) {
                out.add(c);
            }
        }
        return out.isEmpty() ? List.of() : java.util.Collections.unmodifiableList(out);
    }
}
