package dev.lading.lint.fix;

import dev.lading.dockerfile.Add;
import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.dockerfile.ignore.DockerIgnoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * LD015: the {@code .dockerignore} to write next to a Dockerfile that has none. It holds exactly what LD015
 * asks for (version control, env files, keys, secrets, dependency and build directories): each entry keeps
 * something out of the context that must not reach an image or that the build installs itself. Nothing
 * broader, so a build that worked still sees the files it copies.
 *
 * <p>An entry that would exclude a file the Dockerfile COPYs or ADDs from the context (say
 * {@code COPY target/app.jar}) is left out, and LD015 keeps reporting it; so is one that would exclude what
 * another Dockerfile of the directory copies, since the file applies to it too. When a source is written with
 * a variable no file is written at all, since what it names is unknown.
 */
final class DockerIgnoreFix {
    static final String KIND = "dockerignore";
    static final List<String> ENTRIES = List.of(".git", ".env*", "*.pem", "*.key", "secrets/", "node_modules", ".venv",
            "target", "__pycache__");
    private static final Set<String> IDS = Set.of("LD015");

    private DockerIgnoreFix() {
    }

    /**
     * The file's text, when the rule asked for it; its line endings follow the Dockerfile's.
     *
     * @param siblings the other Dockerfiles the new file would apply to (same directory, no ignore file of
     *                 their own): what they copy is kept too
     */
    static Optional<String> content(FixContext ctx, List<Dockerfile> siblings) {
        if (!ctx.flagged(1, IDS)) {
            return Optional.empty();
        }
        List<String> sources = new ArrayList<>(contextSources(ctx.dockerfile()));
        siblings.forEach(d -> sources.addAll(contextSources(d)));
        if (sources.stream().anyMatch(s -> s.contains("$"))) {
            ctx.note(".dockerignore not written: a COPY/ADD source uses a variable, so what it must keep is unknown");
            return Optional.empty();
        }
        String eol = ctx.source().lineEnding();
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by lading lint --fix (LD015): what the build context must not send to the builder.").append(eol);
        List<String> kept = new ArrayList<>();
        for (String entry : ENTRIES) {
            if (excludesASource(entry, sources)) {
                kept.add(entry);
                continue;
            }
            sb.append(entry).append(eol);
        }
        if (!kept.isEmpty()) {
            sb.append("# not excluded, because the Dockerfile copies from them: ").append(String.join(" ", kept)).append(eol);
        }
        return Optional.of(sb.toString());
    }

    /** The sources COPY and ADD take from the build context (not --from a stage or image, not URLs or heredocs). */
    private static List<String> contextSources(Dockerfile df) {
        List<String> out = new ArrayList<>();
        for (Instruction i : df.instructions()) {
            switch (i) {
                case Copy c when c.from().isEmpty() -> c.sources().stream().filter(s -> !s.startsWith("<<")).forEach(out::add);
                case Add a -> a.sources().stream().filter(s -> !s.startsWith("<<") && !s.contains("://") && !s.startsWith("git@"))
                        .forEach(out::add);
                default -> {
                }
            }
        }
        return out;
    }

    private static boolean excludesASource(String entry, List<String> sources) {
        DockerIgnore one;
        try {
            one = DockerIgnore.parse(".dockerignore", entry + "\n");
        } catch (DockerIgnoreException e) {
            return true;
        }
        for (String s : sources) {
            String p = s;
            while (p.startsWith("./") || p.startsWith("/")) {
                p = p.substring(p.startsWith("./") ? 2 : 1);
            }
            if (p.isEmpty() || p.equals(".")) {
                continue; // the whole context: keeping things out of it is the point
            }
            if (one.matches(p, false) || one.matches(p, true)) {
                return true;
            }
        }
        return false;
    }
}
