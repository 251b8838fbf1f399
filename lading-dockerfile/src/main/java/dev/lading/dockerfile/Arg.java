package dev.lading.dockerfile;

import java.util.List;

/** {@code ARG name[=default] …}: several names may share one line. */
public record Arg(InstructionSource source, List<ArgDeclaration> declarations) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.ARG;
    }
}
