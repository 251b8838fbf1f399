package dev.lading.dockerfile.expand;

import dev.lading.dockerfile.Instruction;
import java.util.Set;

/**
 * An instruction with its variables substituted the way BuildKit's frontend does before executing it.
 *
 * @param original   the instruction as parsed
 * @param resolved   the same kind of instruction with expanded words (quotes removed); identical to
 *                   {@code original} for instructions BuildKit does not expand (RUN, CMD, ENTRYPOINT, …)
 * @param used       variables that were looked up and found
 * @param unresolved variables that were looked up and not found in the Dockerfile's scope. They may
 *                   still come from the base image's environment, which the Dockerfile alone cannot know.
 */
public record ResolvedInstruction(Instruction original, Instruction resolved, Set<String> used, Set<String> unresolved) {
    public ResolvedInstruction {
        used = Set.copyOf(used);
        unresolved = Set.copyOf(unresolved);
    }
}
