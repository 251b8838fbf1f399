package dev.lading.build;

import dev.lading.dockerfile.expand.ResolvedStage;

import java.util.Optional;
import java.util.Set;

/**
 * One stage of a {@link BuildPlan}.
 *
 * @param index     the stage's position in the Dockerfile (what {@code --from=N} names)
 * @param stage     the stage with every instruction resolved
 * @param baseStage the earlier stage this one is built FROM, if any (otherwise the FROM names an image or scratch)
 * @param dependsOn every stage this one needs: its base stage and the stages its COPY --from names
 */
public record PlannedStage(int index, ResolvedStage stage, Optional<Integer> baseStage, Set<Integer> dependsOn) {
    public PlannedStage {
        dependsOn = Set.copyOf(dependsOn);
    }

    /** The name for messages: the AS name, else the index. */
    public String displayName() {
        return stage.stage().name().orElse(Integer.toString(index));
    }
}
