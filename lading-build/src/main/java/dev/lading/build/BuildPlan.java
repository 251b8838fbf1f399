package dev.lading.build;

import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.expand.BuildArgs;
import dev.lading.dockerfile.expand.ResolvedDockerfile;

import java.util.List;

/**
 * What to build: the stages the target needs, in an order where every stage comes after the stages it
 * depends on (its FROM stage and its COPY --from stages). Stages the target does not need are absent.
 *
 * @param dockerfile the parsed Dockerfile (its file name is used in messages)
 * @param args       the build args, target and platforms the plan was made with
 * @param resolved   the whole Dockerfile with ARG/ENV substituted
 * @param stages     the needed stages, dependencies first; the last one is the target
 */
public record BuildPlan(Dockerfile dockerfile, BuildArgs args, ResolvedDockerfile resolved, List<PlannedStage> stages) {
    public BuildPlan {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a build plan needs at least one stage");
        }
    }

    public PlannedStage target() {
        return stages.get(stages.size() - 1);
    }
}
