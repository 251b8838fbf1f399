package dev.lading.dockerfile;

import java.util.List;

/** {@code SHELL ["executable", "parameters"]}: JSON form only. */
public record Shell(InstructionSource source, List<String> shell) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.SHELL;
    }
}
