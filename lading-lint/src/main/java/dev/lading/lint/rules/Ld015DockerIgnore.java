package dev.lading.lint.rules;

import dev.lading.dockerfile.SourceRange;
import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * LD015: without a .dockerignore, {@code COPY . .} sends (and may bake in) .git, .env files, keys and
 * dependency directories. Judged only when the Dockerfile was read from disk, with its directory as the
 * build context (the usual {@code docker build .} layout).
 */
public final class Ld015DockerIgnore implements Rule {
    /** A path that must be excluded, and whether it is a directory. */
    private record Required(String path, boolean dir, String pattern) {
    }

    private static final List<Required> REQUIRED = List.of(
            new Required(".git", true, ".git"), new Required(".env", false, ".env*"),
            new Required(".env.local", false, ".env*"), new Required("server.pem", false, "*.pem"),
            new Required("server.key", false, "*.key"), new Required("secrets", true, "secrets/"),
            new Required("node_modules", true, "node_modules"), new Required(".venv", true, ".venv"),
            new Required("target", true, "target"), new Required("__pycache__", true, "__pycache__"));

    /** The finding without a .dockerignore: the same for every such file, so written once. */
    private static final String NO_IGNORE_FILE = "no .dockerignore next to this Dockerfile: the whole directory (.git, "
            + ".env, keys) is sent to the build; add one excluding at least " + String.join(", ", patterns(REQUIRED));

    @Override
    public String id() {
        return "LD015";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "A .dockerignore next to the Dockerfile excludes .git, .env*, *.pem, *.key, secrets/, node_modules, "
                + ".venv, target, __pycache__";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        if (ctx.path().isEmpty()) {
            return;
        }
        SourceRange top = SourceRange.of(1, 1, 1, 1);
        if (ctx.dockerIgnore().isEmpty()) {
            findings.report(top, NO_IGNORE_FILE);
            return;
        }
        DockerIgnore ignore = ctx.dockerIgnore().get();
        List<Required> missing = new ArrayList<>();
        for (Required r : REQUIRED) {
            if (!ignore.matches(r.path(), r.dir()) && missing.stream().noneMatch(m -> m.pattern().equals(r.pattern()))) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            String source = ignore.source().map(p -> p.getFileName().toString()).orElse(".dockerignore");
            findings.report(top, source + " does not exclude " + String.join(", ", patterns(missing)) + ": add them");
        }
    }

    private static List<String> patterns(List<Required> rs) {
        return rs.stream().map(Required::pattern).distinct().toList();
    }
}
