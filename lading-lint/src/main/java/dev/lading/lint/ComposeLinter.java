package dev.lading.lint;

import dev.lading.dockerfile.SourceRange;
import dev.lading.lint.compose.ComposeFile;
import dev.lading.lint.compose.ComposeParseException;
import dev.lading.lint.compose.ComposeParser;
import dev.lading.lint.rules.ComposeRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs compose rules (the RT rules) over compose files, with the same configuration, pragmas and
 * {@link Finding}s as {@link Linter} does for Dockerfiles. Thread-safe: it holds no per-file state.
 */
public final class ComposeLinter {
    /** A compose file that is not valid YAML or not shaped like a compose file. */
    public static final String PARSE_ERROR = "RT000";

    private final List<ComposeRule> rules;
    private final LintConfig config;

    public ComposeLinter(List<ComposeRule> rules, LintConfig config) {
        this.rules = List.copyOf(rules);
        this.config = config;
    }

    /** Every built-in compose rule. */
    public static ComposeLinter withBuiltinRules(LintConfig config) {
        return new ComposeLinter(ComposeRules.all(), config);
    }

    public List<ComposeRule> rules() {
        return rules;
    }

    /** Lints a compose file on disk, naming it {@code displayName} in findings. */
    public List<Finding> lint(Path file, String displayName) throws IOException {
        return lint(displayName, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    /** Lints compose-file text; {@code fileName} names it in findings. */
    public List<Finding> lint(String fileName, String text) {
        ComposeFile compose;
        try {
            compose = ComposeParser.parse(text);
        } catch (ComposeParseException e) {
            // as for Dockerfiles, a file that does not parse cannot be ignored: nothing else was checked
            return List.of(new Finding(PARSE_ERROR, Severity.ERROR, e.problem(), fileName,
                    SourceRange.of(e.line(), e.column(), e.line(), e.column()), "docs/rules/" + PARSE_ERROR + ".md"));
        }
        Pragmas pragmas = config.disableIgnorePragma()
                ? new Pragmas(Set.of(), java.util.Map.of(), Set.of(), false)
                : Pragmas.ofYaml(text, compose::spanEnd);
        List<Finding> out = new ArrayList<>();
        for (ComposeRule rule : rules) {
            if (!config.runs(rule)) {
                continue;
            }
            Severity severity = config.overrides().getOrDefault(rule.id(), rule.defaultSeverity());
            FindingSink sink = (range, message) -> {
                if (!pragmas.ignores(rule.id(), range.start().line())) {
                    out.add(new Finding(rule.id(), severity, message, fileName, range, rule.docUrl()));
                }
            };
            try {
                rule.check(compose, sink);
            } catch (RuntimeException e) {
                // as for Dockerfile rules: one broken rule is reported and does not hide the others' findings
                out.add(new Finding(rule.id(), Severity.ERROR, Linter.INTERNAL_ERROR + rule.id()
                        + " failed on this file (" + e + "); please report it and ignore " + rule.id() + " meanwhile",
                        fileName, SourceRange.of(1, 1, 1, 1), rule.docUrl()));
            }
        }
        out.sort(Linter.ORDER);
        return List.copyOf(out);
    }
}
