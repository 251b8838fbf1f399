package dev.lading.lint.rules;

import dev.lading.dockerfile.From;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BuildKit's UndefinedVar: an instruction that BuildKit expands uses a variable that is neither an ARG nor an
 * ENV in scope.
 *
 * <p>BuildKit knows the base image's ENV; the Dockerfile alone does not. So this is reported only for stages
 * whose base chain ends in {@code scratch}, where every variable in scope is declared in the Dockerfile and
 * the resolver's unresolved names are certainly undefined. Elsewhere the variable may come from the base
 * image (PATH, JAVA_HOME, NODE_VERSION…) and nothing is said.
 */
public final class UndefinedVar implements BuildKitCheck {
    @Override
    public String id() {
        return "UndefinedVar";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Variables should be defined before their use";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Map<String, Boolean> scratchRooted = new HashMap<>();
        for (int i = 0; i < ctx.stages().size(); i++) {
            LintContext.StageView s = ctx.stages().get(i);
            String base = s.resolved().from().resolved() instanceof From f ? f.image().toLowerCase(Locale.ROOT) : "";
            boolean known = ctx.known(s.resolved().from()) && (base.equals("scratch")
                    || scratchRooted.getOrDefault(base, false));
            s.stage().name().ifPresent(n -> scratchRooted.put(n.toLowerCase(Locale.ROOT), known));
            scratchRooted.put(Integer.toString(i), known);
            if (!known) {
                continue;
            }
            Set<String> defined = new HashSet<>(s.resolved().env().keySet());
            defined.addAll(s.resolved().args().keySet());
            for (ResolvedInstruction ri : s.instructions()) {
                for (String name : new LinkedHashSet<>(ri.unresolved())) {
                    String hint = suggestion(name, defined).map(d -> " (did you mean $" + d + "?)").orElse("");
                    findings.report(ri.original(), "usage of undefined variable '$" + name + "'" + hint
                            + ": declare it with ARG or ENV before this line, or fix the name");
                }
            }
        }
    }

    /** A defined name that differs only in case or by one or two edits, as BuildKit suggests. */
    static Optional<String> suggestion(String name, Set<String> defined) {
        String best = null;
        int bestDistance = 3;
        for (String d : defined) {
            int dist = d.equalsIgnoreCase(name) ? 0 : distance(name, d);
            if (dist < bestDistance) {
                best = d;
                bestDistance = dist;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
