package dev.lading.dockerfile;

import java.util.List;
import java.util.Optional;

/** {@code RUN [--mount=…] [--network=…] [--security=…] command}, shell or exec form, with heredocs. */
public record Run(InstructionSource source, CommandForm command, List<Mount> mounts, Optional<String> network, Optional<String> security, List<Heredoc> heredocs) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.RUN;
    }
}
