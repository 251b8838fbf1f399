package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * LD020 (heuristic): PID 1 must forward signals and reap children. A shell started in exec form to run an
 * inline script ({@code ["sh", "-c", "a && b"]}) stays PID 1 without doing either, unless the script
 * {@code exec}s its last command. Reported only for
 * what the Dockerfile shows: scripts in files ({@code /entrypoint.sh}) are not read, nothing is guessed.
 * An init (tini, dumb-init, catatonit, s6's /init) in front silences it.
 */
public final class Ld020InitProcess implements Rule {
    private static final java.util.regex.Pattern COMPOUND = java.util.regex.Pattern.compile("(?s).*[;&|\\n].*");
    private static final java.util.regex.Pattern ENDS_IN_EXEC = java.util.regex.Pattern.compile("(?s).*(^|[;&|\\n])\\s*exec\\s+[^;&|\\n]*$");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");
    private static final Set<String> INITS = Set.of("tini", "tini-static", "dumb-init", "catatonit", "init", "docker-init",
            "s6-svscan", "runsvdir", "supervisord");

    @Override
    public String id() {
        return "LD020";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "A process that spawns children runs under an init (tini / --init); no shell wrapper as PID 1";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Optional<FinalCommand.Start> start = FinalCommand.of(ctx);
        if (start.isEmpty() || !start.get().exec()) {
            return; // shell form is LD008's finding
        }
        List<String> w = start.get().words();
        if (w.isEmpty() || INITS.contains(FinalCommand.base(w.get(0)))) {
            return;
        }
        if (SHELLS.contains(FinalCommand.base(w.get(0))) && w.size() >= 3 && w.get(1).equals("-c")) {
            String script = w.get(2).strip();
            boolean compound = COMPOUND.matcher(script).matches();
            if (compound && !ENDS_IN_EXEC.matcher(script).matches()) {
                findings.report(start.get().at(), "'" + w.get(0) + " -c' stays PID 1 while its script's children run: it "
                        + "neither forwards signals nor reaps them; end the script with 'exec <command>', or start it under "
                        + "tini: ENTRYPOINT [\"tini\", \"--\", …]");
            }
        }
    }
}
