package dev.lading.build;

import dev.lading.dockerfile.DockerfileParser;
import dev.lading.dockerfile.expand.BuildArgs;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerTest {

    private static final String MULTI = """
            FROM scratch AS base
            COPY a /a
            FROM scratch AS unused
            COPY b /b
            FROM base AS tools
            COPY c /c
            FROM scratch AS assets
            COPY d /d
            FROM tools
            COPY --from=assets /d /d
            COPY --from=0 /a /a2
            """;

    @Test
    void ordersStagesAfterTheirDependenciesAndDropsUnneededOnes() throws Exception {
        BuildPlan plan = Planner.plan(DockerfileParser.parse("Dockerfile", MULTI), BuildArgs.none());
        assertThat(plan.stages()).extracting(PlannedStage::index).containsExactly(0, 2, 3, 4);
        assertThat(plan.target().dependsOn()).isEqualTo(Set.of(0, 2, 3));
        assertThat(plan.target().baseStage()).isEqualTo(Optional.of(2));
        assertThat(plan.stages().get(1).baseStage()).isEqualTo(Optional.of(0));
    }

    @Test
    void targetPrunesToWhatItNeeds() throws Exception {
        BuildPlan plan = Planner.plan(DockerfileParser.parse("Dockerfile", MULTI), BuildArgs.none().withTarget("tools"));
        assertThat(plan.stages()).extracting(PlannedStage::displayName).containsExactly("base", "tools");
    }

    @Test
    void unknownTargetIsAnErrorNamingTheStages() throws Exception {
        assertThatThrownBy(() -> Planner.plan(DockerfileParser.parse("Dockerfile", MULTI), BuildArgs.none().withTarget("nope")))
                .isInstanceOf(BuildException.class).hasMessageContaining("no stage named 'nope'").hasMessageContaining("assets");
    }

    @Test
    void fromImageIsNotAStageAndArgsAreResolved() throws Exception {
        BuildPlan plan = Planner.plan(DockerfileParser.parse("Dockerfile", """
                ARG BASE=alpine:3.20
                FROM ${BASE}
                ENV X=${BASE}
                """), BuildArgs.of(Map.of("BASE", "debian:12")));
        assertThat(plan.stages()).hasSize(1);
        assertThat(plan.target().baseStage()).isEmpty();
        assertThat(((dev.lading.dockerfile.From) plan.target().stage().from().resolved()).image()).isEqualTo("debian:12");
    }
}
