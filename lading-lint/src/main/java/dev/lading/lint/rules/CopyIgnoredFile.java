package dev.lading.lint.rules;

import dev.lading.dockerfile.Add;
import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;
import java.util.List;

/**
 * BuildKit's CopyIgnoredFile: a COPY or ADD source from the build context that the {@code .dockerignore}
 * excludes is not in the context, so the instruction fails or copies less than it says. Only literal paths
 * are judged (no globs, no unresolved variables, no URLs, nothing from another stage).
 */
public final class CopyIgnoredFile implements BuildKitCheck {
    private static final java.util.regex.Pattern GLOB = java.util.regex.Pattern.compile(".*[*?\\[].*");

    @Override
    public String id() {
        return "CopyIgnoredFile";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Attempting to Copy file that is excluded by .dockerignore";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        if (ctx.dockerIgnore().isEmpty()) {
            return;
        }
        DockerIgnore ignore = ctx.dockerIgnore().get();
        for (LintContext.StageView s : ctx.stages()) {
            for (ResolvedInstruction ri : s.instructions()) {
                List<String> sources = switch (ri.resolved()) {
                    case Copy c when c.from().isEmpty() && c.heredocs().isEmpty() -> c.sources();
                    case Add a when a.heredocs().isEmpty() -> a.sources();
                    default -> List.of();
                };
                if (sources.isEmpty() || !ctx.known(ri)) {
                    continue;
                }
                for (String src : sources) {
                    if (src.contains("://") || src.startsWith("git@") || GLOB.matcher(src).matches()) {
                        continue;
                    }
                    if (ignore.matches(src, false)) {
                        findings.report(ri.original(), ri.original().kind().keyword() + " source '" + src
                                + "' is excluded by .dockerignore, so it is not in the build context: remove it from "
                                + ".dockerignore (or add a !" + src + " exception), or do not copy it");
                    }
                }
            }
        }
    }
}
