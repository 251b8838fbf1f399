package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.SimpleCommand;
import dev.lading.lint.shell.Word;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * LD023: an install that may rewrite the lockfile builds something other than what was tested. Each
 * package manager has a mode that installs exactly the lockfile and fails when it is out of date.
 * Only installs of a whole project are judged: adding a named package ({@code npm install -g pnpm}) is
 * not a lockfile install.
 */
public final class Ld023Lockfiles implements Rule {
    @Override
    public String id() {
        return "LD023";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Lockfiles are honoured: npm ci, pnpm install --frozen-lockfile, yarn install --immutable, "
                + "uv sync --locked, pip install --require-hashes, cargo build --locked";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.commands(ctx)) {
            problem(at.command()).ifPresent(m -> findings.report(ctx.rangeOf(at.run(), at.command()), m));
        }
    }

    static Optional<String> problem(SimpleCommand c) {
        if (c.hasUnresolved()) {
            return Optional.empty();
        }
        if (c.is("npm") && c.hasSubcommand("install", "i") && operands(c).isEmpty() && !c.hasFlag("-g", "--global")) {
            return Optional.of("'npm install' may rewrite package-lock.json: use 'npm ci'");
        }
        if (c.is("pnpm") && c.hasSubcommand("install", "i") && operands(c).isEmpty() && !c.hasFlag("--frozen-lockfile")) {
            return Optional.of("'pnpm install' without --frozen-lockfile: add --frozen-lockfile");
        }
        if (c.is("yarn") && (c.subcommand().isEmpty() || c.hasSubcommand("install"))
                && !c.hasFlag("--immutable", "--frozen-lockfile")) {
            return Optional.of("'yarn install' may rewrite yarn.lock: add --immutable (Yarn 2+) or --frozen-lockfile (Yarn 1)");
        }
        if (c.is("uv") && c.hasSubcommand("sync") && !c.hasFlag("--locked", "--frozen")) {
            return Optional.of("'uv sync' without --locked or --frozen may re-resolve: add --locked");
        }
        if (c.is("cargo") && c.hasSubcommand("build", "install") && !c.hasFlag("--locked", "--frozen")) {
            return Optional.of("'cargo " + c.subcommand().orElseThrow().value()
                    + "' without --locked may update Cargo.lock: add --locked");
        }
        Optional<List<Word>> pip = RunCommands.pipArgs(c);
        if (pip.isPresent() && c.hasFlag("-r", "--requirement") && !c.hasFlag("--require-hashes")
                && hasWord(pip.get(), "install")) {
            return Optional.of("'pip install -r' without --require-hashes installs whatever the index serves: "
                    + "pin with hashes (pip-compile --generate-hashes) and add --require-hashes");
        }
        return Optional.empty();
    }

    private static final Set<String> NPM_VALUE_OPTIONS = Set.of("--prefix", "--registry", "--cache", "-C", "-w", "--workspace");

    private static List<Word> operands(SimpleCommand c) {
        return c.operandsAfterSubcommand(NPM_VALUE_OPTIONS);
    }

    private static boolean hasWord(List<Word> words, String value) {
        for (Word w : words) {
            if (w.value().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
