package dev.lading.lint.rules;

import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Run;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.SimpleCommand;
import java.util.Optional;

/**
 * LD011: when the whole source is copied before dependencies are installed, every source edit invalidates
 * the install layer and the next build downloads everything again. Copy the manifests (package.json and
 * lockfile, requirements.txt, go.mod/go.sum, pom.xml, Cargo.toml/Cargo.lock…), install, then copy the rest.
 */
public final class Ld011DependenciesFirst implements Rule {
    @Override
    public String id() {
        return "LD011";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "Dependency manifests are copied and installed before the source (COPY . . does not come before the install)";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView sv : ctx.stages()) {
            Instruction wholeContext = null;
            for (ResolvedInstruction ri : sv.instructions()) {
                if (ri.resolved() instanceof Copy c && c.from().isEmpty() && ctx.known(ri)
                        && c.sources().stream().anyMatch(s -> s.equals(".") || s.equals("./"))) {
                    if (wholeContext == null) {
                        wholeContext = ri.original();
                    }
                } else if (wholeContext != null && ri.original() instanceof Run r) {
                    for (SimpleCommand c : ctx.script(r).commands()) {
                        Optional<String> install = dependencyInstall(c);
                        if (install.isPresent()) {
                            findings.report(wholeContext, "COPY of the whole context comes before '" + install.get()
                                    + "' (line " + r.range().start().line() + "): copy the dependency manifests first, "
                                    + "install, then COPY the rest, so source edits keep the install layer cached");
                            wholeContext = null;
                            break;
                        }
                    }
                    if (wholeContext == null) {
                        break;
                    }
                }
            }
        }
    }

    static Optional<String> dependencyInstall(SimpleCommand c) {
        String name = c.name().value();
        if (c.is("npm") && c.hasSubcommand("ci", "install", "i") && c.operandsAfterSubcommand(java.util.Set.of()).isEmpty()
                || c.is("pnpm", "yarn", "bundle", "composer") && c.hasSubcommand("install")
                || c.is("yarn") && c.subcommand().isEmpty()
                || c.is("go") && c.args().size() >= 2 && c.args().get(0).value().equals("mod")
                        && c.args().get(1).value().equals("download")
                || c.is("uv") && c.hasSubcommand("sync")
                || c.is("poetry") && c.hasSubcommand("install")
                || c.is("cargo") && c.hasSubcommand("fetch")) {
            return Optional.of(name + c.subcommand().map(w -> " " + w.value()).orElse(""));
        }
        if (RunCommands.pipArgs(c).isPresent() && c.hasFlag("-r", "--requirement")) {
            return Optional.of("pip install -r");
        }
        return Optional.empty();
    }
}
