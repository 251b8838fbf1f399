package dev.lading.lint.rules;

import dev.lading.dockerfile.SourceRange;
import dev.lading.lint.ComposeRule;
import dev.lading.lint.FindingSink;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import dev.lading.lint.compose.ComposeFile;
import dev.lading.lint.compose.Interpolation;
import dev.lading.lint.compose.YamlNode;

/**
 * RT007: a secret written into {@code environment:} is in the repository, in {@code docker inspect} and in
 * every child process's environment. Compose's {@code secrets:} mounts it as a file, and images that read
 * {@code NAME_FILE} take it from there.
 *
 * <p>Names are judged as LD006 judges ENV names (a word such as KEY, TOKEN, PASSWORD, SECRET; not
 * {@code *_FILE} and other references). Only values written in the file are reported: a variable
 * ({@code ${DB_PASSWORD}}) comes from the environment or an env file, and a name without a value
 * ({@code - DB_PASSWORD}) is passed through from the shell.
 */
public final class Rt007SecretsInEnvironment implements ComposeRule {
    @Override
    public String id() {
        return "RT007";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Secrets come from secrets: or *_FILE variables, not from values written in environment:";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public void check(ComposeFile compose, FindingSink findings) {
        for (ComposeFile.Service s : compose.services()) {
            switch (s.body().get("environment").orElse(null)) {
                case YamlNode.Mapping env -> env.entries().forEach(e -> {
                    if (e.value() instanceof YamlNode.Scalar v && !v.isNull() && !v.aliased()) {
                        judge(s, e.key(), v.text(), e.keyRange(), findings);
                    }
                });
                case YamlNode.Sequence env -> env.items().forEach(i -> {
                    if (i instanceof YamlNode.Scalar v && !v.isNull() && !v.aliased() && v.text().contains("=")) {
                        String name = v.text().substring(0, v.text().indexOf('=')).trim();
                        judge(s, name, v.text().substring(v.text().indexOf('=') + 1), v.range(), findings);
                    }
                });
                case null, default -> {
                }
            }
        }
    }

    private static void judge(ComposeFile.Service s, String name, String value, SourceRange at, FindingSink findings) {
        if (value.isBlank() || Interpolation.present(value) || !Ld006Secrets.secretName(name)) {
            return;
        }
        findings.report(at, "service '" + s.name() + "' has the secret " + name + " written in environment: "
                + "give it through secrets: (and " + name + "_FILE=/run/secrets/…) or a variable from outside the file");
    }
}
