package dev.lading.dockerfile;

import java.util.List;

/** {@code EXPOSE 80/tcp 443}: whitespace-separated words as written (quotes are not special here). */
public record Expose(InstructionSource source, List<String> ports) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.EXPOSE;
    }
}
