package dev.lading.dockerfile;


/** {@code STOPSIGNAL signal}: the rest of the line. */
public record StopSignal(InstructionSource source, String signal) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.STOPSIGNAL;
    }
}
