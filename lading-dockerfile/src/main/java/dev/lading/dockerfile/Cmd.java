package dev.lading.dockerfile;

import java.util.Optional;

/** {@code CMD}: exec or shell form; empty when no arguments were given. */
public record Cmd(InstructionSource source, Optional<CommandForm> command) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.CMD;
    }
}
