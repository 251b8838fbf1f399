package dev.lading.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * {@code RUN [--mount=…] [--network=…] [--security=…] [--device=…] command}, shell or exec form, with heredocs.
 * {@code devices} are the {@code --device} values (CDI device names, optionally {@code ,required}).
 */
public record Run(InstructionSource source, CommandForm command, List<Mount> mounts, Optional<String> network, Optional<String> security, List<String> devices, List<Heredoc> heredocs) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.RUN;
    }
}
