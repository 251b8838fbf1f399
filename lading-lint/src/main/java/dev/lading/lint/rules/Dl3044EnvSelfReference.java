package dev.lading.lint.rules;

import dev.lading.dockerfile.Arg;
import dev.lading.dockerfile.ArgDeclaration;
import dev.lading.dockerfile.Env;
import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.KeyValue;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * hadolint DL3044: {@code ENV A=1 B=$A} does not see the A of the same statement (every value is expanded
 * with the environment before it), so B gets A's old value, empty when A was not defined before. Reported,
 * as hadolint does, when the variable was not already defined by an earlier ENV or ARG of the stage (or of
 * the stage it is built FROM).
 */
public final class Dl3044EnvSelfReference implements Rule {
    private static final Pattern REF = Pattern.compile("(\\\\?)\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    @Override
    public String id() {
        return "DL3044";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "Do not refer to an environment variable within the same `ENV` statement where it is defined.";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Map<String, Set<String>> byStage = new HashMap<>();
        for (LintContext.StageView s : ctx.stages()) {
            String base = s.resolved().from().resolved() instanceof From f ? f.image().toLowerCase(Locale.ROOT) : "";
            Set<String> defined = new HashSet<>(byStage.getOrDefault(base, Set.of()));
            for (Instruction i : s.stage().instructions()) {
                if (i instanceof Arg a) {
                    a.declarations().stream().map(ArgDeclaration::name).forEach(defined::add);
                } else if (i instanceof Env e) {
                    Set<String> earlierInStatement = new HashSet<>();
                    boolean reported = false;
                    for (KeyValue kv : e.pairs()) {
                        Matcher m = REF.matcher(kv.legacy() ? "" : kv.value());
                        while (m.find() && !reported) {
                            String name = m.group(2);
                            if (m.group(1).isEmpty() && earlierInStatement.contains(name) && !defined.contains(name)) {
                                findings.report(e, kv.key() + " refers to $" + name + ", defined in the same ENV: it is "
                                        + "not set yet there; put " + name + " in an ENV of its own before this one");
                                reported = true;
                            }
                        }
                        earlierInStatement.add(kv.key());
                    }
                    e.pairs().forEach(kv -> defined.add(kv.key()));
                }
            }
            s.stage().name().ifPresent(n -> byStage.put(n.toLowerCase(Locale.ROOT), defined));
        }
    }
}
