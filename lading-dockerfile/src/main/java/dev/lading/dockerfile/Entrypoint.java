package dev.lading.dockerfile;

import java.util.Optional;

/** {@code ENTRYPOINT}: exec or shell form; empty when no arguments were given. */
public record Entrypoint(InstructionSource source, Optional<CommandForm> command) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.ENTRYPOINT;
    }
}
