package dev.lading.dockerfile;


/** {@code MAINTAINER name} (deprecated): the rest of the line. */
public record Maintainer(InstructionSource source, String name) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.MAINTAINER;
    }
}
