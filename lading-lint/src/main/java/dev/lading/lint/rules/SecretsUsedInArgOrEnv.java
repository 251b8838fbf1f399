package dev.lading.lint.rules;

import dev.lading.dockerfile.Arg;
import dev.lading.dockerfile.ArgDeclaration;
import dev.lading.dockerfile.Env;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.KeyValue;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * BuildKit's SecretsUsedInArgOrEnv, with BuildKit's own name test: a word of the name (split at
 * {@code _}) is one of apikey, auth, credential(s), key, password, pword, passwd, secret, token, and no word
 * is {@code public}.
 */
public final class SecretsUsedInArgOrEnv implements BuildKitCheck {
    private static final Pattern SECRET = Pattern.compile(
            "(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)");
    private static final Pattern ALLOWED = Pattern.compile("(?i)(?:_|^)(?:public)(?:_|$)");

    @Override
    public Set<String> twins() {
        return Set.of("LD006");
    }

    @Override
    public String id() {
        return "SecretsUsedInArgOrEnv";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Sensitive data should not be used in the ARG or ENV commands";
    }

    static boolean isSecretName(String name) {
        return Ld006Secrets.mayNameASecret(name) && !ALLOWED.matcher(name).find() && SECRET.matcher(name).find();
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Instruction i : ctx.dockerfile().instructions()) {
            if (i instanceof Arg a) {
                for (ArgDeclaration d : a.declarations()) {
                    if (isSecretName(d.name())) {
                        findings.report(a, "do not use ARG for sensitive data (ARG \"" + d.name() + "\"): build args "
                                + "are recorded in the image history; use RUN --mount=type=secret,id=" + d.name().toLowerCase()
                                + " instead");
                    }
                }
            } else if (i instanceof Env e) {
                for (KeyValue kv : e.pairs()) {
                    if (isSecretName(kv.key())) {
                        findings.report(e, "do not use ENV for sensitive data (ENV \"" + kv.key() + "\"): it is readable "
                                + "in the image configuration; pass it at run time or use RUN --mount=type=secret");
                    }
                }
            }
        }
    }
}
