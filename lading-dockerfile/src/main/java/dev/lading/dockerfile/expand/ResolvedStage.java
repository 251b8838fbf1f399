package dev.lading.dockerfile.expand;

import dev.lading.dockerfile.Stage;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stage with every instruction resolved.
 *
 * @param from         the stage's FROM, resolved with the global ARGs
 * @param instructions the stage's other instructions in order
 * @param env          the image configuration's ENV at the end of the stage: the base image's (when
 *                     known, or inherited from an earlier stage), BuildKit's default PATH when it had none,
 *                     and the stage's ENV instructions
 * @param args         the ARGs the stage declared that have a value
 * @param unresolved   every variable some instruction of the stage could not resolve
 */
public record ResolvedStage(Stage stage, ResolvedInstruction from, List<ResolvedInstruction> instructions,
                            Map<String, String> env, Map<String, String> args, Set<String> unresolved) {
    public ResolvedStage {
        instructions = List.copyOf(instructions);
        env = Map.copyOf(env);
        args = Map.copyOf(args);
        unresolved = Set.copyOf(unresolved);
    }
}
