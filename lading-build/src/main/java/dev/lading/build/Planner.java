package dev.lading.build;

import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Mount;
import dev.lading.dockerfile.Run;
import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.DockerfileParseException;
import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Stage;
import dev.lading.dockerfile.expand.BuildArgs;
import dev.lading.dockerfile.expand.ResolvedDockerfile;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.dockerfile.expand.ResolvedStage;
import dev.lading.dockerfile.expand.StageResolver;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Turns a Dockerfile, build args and a target into a {@link BuildPlan}. Stateless. */
public final class Planner {

    private Planner() {
    }

    /** Plans with base images whose ENV is unknown (only PATH is assumed, as BuildKit does). */
    public static BuildPlan plan(Dockerfile dockerfile, BuildArgs args) throws DockerfileParseException {
        return plan(dockerfile, args, image -> Optional.empty());
    }

    /**
     * Plans with the base images' ENV where known: a base image's ENV is visible to the stage's expansions
     * ({@code COPY . $HOME}), so the builder resolves FROM images first and passes their ENV here.
     */
    public static BuildPlan plan(Dockerfile dockerfile, BuildArgs args,
                                 Function<String, Optional<Map<String, String>>> baseImageEnv) throws DockerfileParseException {
        if (dockerfile.stages().isEmpty()) {
            throw new BuildException(dockerfile.fileName() + ": the Dockerfile has no FROM instruction");
        }
        ResolvedDockerfile resolved = StageResolver.resolve(dockerfile, args, baseImageEnv);
        List<PlannedStage> all = new ArrayList<>();
        for (ResolvedStage rs : resolved.stages()) {
            all.add(planStage(dockerfile, resolved, rs));
        }
        int target = dockerfile.stages().size() - 1;
        if (args.target().isPresent()) {
            String t = args.target().get();
            target = dockerfile.stages().stream()
                    .filter(s -> s.name().map(n -> n.equalsIgnoreCase(t)).orElse(false))
                    .map(Stage::index).reduce((a, b) -> b)
                    .orElseThrow(() -> new BuildException("--target: the Dockerfile has no stage named '" + t + "' (stages: "
                            + dockerfile.stages().stream().map(s -> s.name().orElse(Integer.toString(s.index()))).toList() + ")"));
        }
        // Depth-first from the target: a stage appears after everything it needs, and unneeded stages never do.
        Set<Integer> ordered = new LinkedHashSet<>();
        visit(all, target, ordered, new LinkedHashSet<>());
        return new BuildPlan(dockerfile, args, resolved, ordered.stream().map(all::get).toList());
    }

    private static void visit(List<PlannedStage> all, int index, Set<Integer> done, Set<Integer> onPath) {
        if (done.contains(index)) {
            return;
        }
        if (!onPath.add(index)) {
            throw new BuildException("stage " + all.get(index).displayName() + " depends on itself");
        }
        all.get(index).dependsOn().stream().sorted().forEach(d -> visit(all, d, done, onPath));
        onPath.remove(index);
        done.add(index);
    }

    private static PlannedStage planStage(Dockerfile df, ResolvedDockerfile resolved, ResolvedStage rs) {
        int index = rs.stage().index();
        Set<Integer> deps = new LinkedHashSet<>();
        From from = (From) rs.from().resolved();
        Optional<Integer> base = earlierStage(df, from.image(), index);
        base.ifPresent(deps::add);
        for (ResolvedInstruction ri : rs.instructions()) {
            if (ri.resolved() instanceof Copy copy && copy.from().isPresent()) {
                String name = copy.from().get();
                Optional<Integer> s = stageByNameOrIndex(df, name, index);
                if (s.isPresent()) {
                    if (s.get() == index) {
                        throw BuildException.at(df.fileName(), copy, "a stage cannot COPY --from itself");
                    }
                    deps.add(s.get());
                }
            }
            if (ri.resolved() instanceof Run run) {
                for (Mount m : run.mounts()) {
                    if (m.from().isPresent()) {
                        Optional<Integer> s = stageByNameOrIndex(df, m.from().get(), index);
                        if (s.isPresent()) {
                            if (s.get() == index) {
                                throw BuildException.at(df.fileName(), run, "a stage cannot mount --from itself");
                            }
                            deps.add(s.get());
                        }
                    }
                }
            }
        }
        return new PlannedStage(index, rs, base, deps);
    }

    /** FROM names an earlier stage by its AS name only (case-insensitive), never by index, as in BuildKit. */
    static Optional<Integer> earlierStage(Dockerfile df, String image, int before) {
        String lower = image.toLowerCase(Locale.ROOT);
        Optional<Integer> found = Optional.empty();
        for (Stage s : df.stages()) {
            if (s.index() < before && s.name().map(n -> n.toLowerCase(Locale.ROOT).equals(lower)).orElse(false)) {
                found = Optional.of(s.index());
            }
        }
        return found;
    }

    /** COPY --from names a stage by AS name or by index; anything else is an image reference. */
    static Optional<Integer> stageByNameOrIndex(Dockerfile df, String name, int current) {
        Optional<Integer> byName = earlierStage(df, name, current);
        if (byName.isPresent()) {
            return byName;
        }
        if (name.matches("[0-9]{1,9}")) {
            int i = Integer.parseInt(name);
            if (i < df.stages().size()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
