package dev.lading.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * A parsed Dockerfile.
 *
 * @param fileName     the name used in messages
 * @param directives   the parser directives from the top of the file
 * @param escape       the escape character in force ({@code \} or {@code `})
 * @param instructions every instruction in source order (ARGs before the first FROM included)
 * @param globalArgs   the ARG instructions before the first FROM: visible to FROM lines only
 * @param stages       the stages in order
 * @param comments     every comment line of the file (directives excluded), in order
 * @param warnings     what BuildKit accepts but warns about
 */
public record Dockerfile(String fileName, List<Directive> directives, char escape, List<Instruction> instructions,
                         List<Arg> globalArgs, List<Stage> stages, List<Comment> comments,
                         List<ParseWarning> warnings) {
    public Dockerfile {
        directives = List.copyOf(directives);
        instructions = List.copyOf(instructions);
        globalArgs = List.copyOf(globalArgs);
        stages = List.copyOf(stages);
        comments = List.copyOf(comments);
        warnings = List.copyOf(warnings);
    }

    public Optional<Directive> directive(String name) {
        for (Directive d : directives) { // a loop: several rules ask this of every file
            if (d.name().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The stage BuildKit builds by default: the last one. */
    public Optional<Stage> finalStage() {
        return stages.isEmpty() ? Optional.empty() : Optional.of(stages.get(stages.size() - 1));
    }

    /**
     * A stage by name (case-insensitive) or by index, as {@code COPY --from} and {@code --target} do: with
     * duplicate names (which BuildKit only warns about) the last stage of that name.
     */
    public Optional<Stage> stage(String nameOrIndex) {
        for (int i = stages.size() - 1; i >= 0; i--) {
            Stage s = stages.get(i);
            if (s.name().isPresent() && s.name().get().equalsIgnoreCase(nameOrIndex)) {
                return Optional.of(s);
            }
        }
        if (nameOrIndex.matches("[0-9]{1,9}")) {
            int i = Integer.parseInt(nameOrIndex);
            if (i < stages.size()) {
                return Optional.of(stages.get(i));
            }
        }
        return Optional.empty();
    }
}
