package dev.lading.lint.rules;

import dev.lading.dockerfile.KeyValue;
import dev.lading.dockerfile.Label;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * hadolint DL3048: label keys follow Docker's recommendation: lower-case letters, digits, dots and dashes,
 * starting with a letter, ending with a letter or digit, no repeated separators, and not in the namespaces
 * Docker reserves ({@code com.docker.}, {@code io.docker.}, {@code org.dockerproject.}).
 */
public final class Dl3048LabelKey implements Rule {
    private static final java.util.regex.Pattern KEY_CHARS = java.util.regex.Pattern.compile("[a-z0-9.-]+");

    @Override
    public String id() {
        return "DL3048";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.STYLE;
    }

    @Override
    public String description() {
        return "Invalid Label Key";
    }

    static boolean valid(String k) {
        return !k.isEmpty() && KEY_CHARS.matcher(k).matches() && Character.isLowerCase(k.charAt(0))
                && Character.isLetterOrDigit(k.charAt(k.length() - 1)) && !k.contains("..") && !k.contains("--")
                && !k.startsWith("com.docker.") && !k.startsWith("io.docker.") && !k.startsWith("org.dockerproject.");
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView s : ctx.stages()) {
            for (ResolvedInstruction ri : s.instructions()) {
                if (!(ri.original() instanceof Label original) || !(ri.resolved() instanceof Label l)) {
                    continue;
                }
                for (int i = 0; i < l.pairs().size(); i++) {
                    KeyValue kv = l.pairs().get(i);
                    boolean keyKnown = i < original.pairs().size() && !original.pairs().get(i).key().contains("$");
                    if (keyKnown && !valid(kv.key())) {
                        findings.report(ri.original(), "label key '" + kv.key() + "' is invalid: use lower-case "
                                + "reverse-DNS words with dots and dashes (e.g. org.example.build-id), outside com.docker., "
                                + "io.docker. and org.dockerproject.");
                    }
                }
            }
        }
    }
}
