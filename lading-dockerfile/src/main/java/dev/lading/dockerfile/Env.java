package dev.lading.dockerfile;

import java.util.List;

/** {@code ENV k=v …} or legacy {@code ENV k v}. */
public record Env(InstructionSource source, List<KeyValue> pairs) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.ENV;
    }
}
