package dev.lading.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * A build stage: a FROM and the instructions up to the next FROM.
 *
 * @param index        0-based position among the stages (usable as {@code --from=N})
 * @param instructions the instructions after the FROM, in order
 */
public record Stage(int index, From from, List<Instruction> instructions) {
    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The lower-cased stage name, if the FROM has {@code AS name}. */
    public Optional<String> name() {
        return from.stageName();
    }
}
