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
 * @param env          the ENV values the Dockerfile sets by the end of the stage (inherited from an
 *                     earlier stage used as base; the base image's own ENV is unknown here)
 * @param args         the ARGs in scope at the end of the stage that have a value
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
