package dev.lading.dockerfile;


/** {@code USER name[:group]}: the rest of the line. */
public record User(InstructionSource source, String user) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.USER;
    }
}
