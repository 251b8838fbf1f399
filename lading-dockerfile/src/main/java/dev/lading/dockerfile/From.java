package dev.lading.dockerfile;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code FROM [--platform=p] image [AS name]}.
 *
 * @param image    the base image word as written (may hold variables, expanded with the global ARGs)
 * @param name     the stage name as written after {@code AS}
 * @param platform the {@code --platform} value as written
 */
public record From(InstructionSource source, String image, Optional<String> name, Optional<String> platform)
        implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.FROM;
    }

    /** The stage name as BuildKit compares it: lower-cased (stage names are case-insensitive). */
    public Optional<String> stageName() {
        return name.map(n -> n.toLowerCase(Locale.ROOT));
    }
}
