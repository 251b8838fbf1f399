package dev.lading.dockerfile;

import java.util.List;

/** How RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD give their command: a JSON array or a shell string. */
public sealed interface CommandForm {

    /** {@code ["executable", "arg"]}: run directly, no shell. */
    record ExecForm(List<String> args) implements CommandForm {
        public ExecForm {
            args = List.copyOf(args);
        }
    }

    /**
     * {@code command arg}: handed to the SHELL. {@code command} is the text after the keyword and flags,
     * with line continuations joined, as BuildKit keeps it (no variable expansion, no quote removal).
     */
    record ShellForm(String command) implements CommandForm {
    }

    default boolean isExec() {
        return this instanceof ExecForm;
    }
}
