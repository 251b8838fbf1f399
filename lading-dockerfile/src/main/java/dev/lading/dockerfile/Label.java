package dev.lading.dockerfile;

import java.util.List;

/** {@code LABEL k=v …} or legacy {@code LABEL k v}. */
public record Label(InstructionSource source, List<KeyValue> pairs) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.LABEL;
    }
}
