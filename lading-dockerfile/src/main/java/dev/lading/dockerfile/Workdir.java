package dev.lading.dockerfile;


/** {@code WORKDIR path}: the rest of the line. */
public record Workdir(InstructionSource source, String path) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.WORKDIR;
    }
}
