package dev.lading.dockerfile;

import java.util.Optional;

/**
 * {@code HEALTHCHECK NONE} or {@code HEALTHCHECK [--interval] [--timeout] [--start-period] [--start-interval]
 * [--retries] CMD command}. Durations are as written and were checked to be Go durations, as BuildKit does.
 *
 * @param command empty for {@code NONE}
 */
public record Healthcheck(InstructionSource source, Optional<CommandForm> command, Optional<String> interval,
                          Optional<String> timeout, Optional<String> startPeriod, Optional<String> startInterval,
                          Optional<Integer> retries) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.HEALTHCHECK;
    }

    public boolean isNone() {
        return command.isEmpty();
    }
}
