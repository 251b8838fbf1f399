package dev.lading.dockerfile;

import java.util.List;

/** {@code VOLUME ["/a"]} or {@code VOLUME /a /b}. */
public record Volume(InstructionSource source, List<String> paths, boolean json) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.VOLUME;
    }
}
