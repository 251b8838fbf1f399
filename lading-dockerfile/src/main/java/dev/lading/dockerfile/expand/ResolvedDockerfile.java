package dev.lading.dockerfile.expand;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Dockerfile resolved against build args.
 *
 * @param globalScope the values visible to FROM lines: platform ARGs and the ARGs before the first FROM
 * @param globalArgs  the ARG instructions before the first FROM, resolved
 * @param unresolved  every variable any instruction could not resolve
 */
public record ResolvedDockerfile(Map<String, String> globalScope, List<ResolvedInstruction> globalArgs,
                                 List<ResolvedStage> stages, Set<String> unresolved) {
    public ResolvedDockerfile {
        globalScope = Map.copyOf(globalScope);
        globalArgs = List.copyOf(globalArgs);
        stages = List.copyOf(stages);
        unresolved = Set.copyOf(unresolved);
    }
}
