package dev.lading.dockerfile;

import java.util.Optional;

/**
 * {@code ONBUILD instruction}.
 *
 * <p>BuildKit only parses the trigger when a child image builds from this one, so a broken trigger does
 * not fail this build. lading parses it now: {@code trigger} holds it when it parses, and
 * {@code triggerProblem} says what is wrong with it otherwise.
 *
 * @param expression the trigger text (after {@code ONBUILD}), as BuildKit stores it in the image config
 */
public record Onbuild(InstructionSource source, String expression, Optional<Instruction> trigger,
                      Optional<String> triggerProblem) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.ONBUILD;
    }
}
