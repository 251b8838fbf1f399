package dev.lading.lint.rules;

import dev.lading.dockerfile.Arg;
import dev.lading.dockerfile.ArgDeclaration;
import dev.lading.dockerfile.Env;
import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.KeyValue;
import dev.lading.dockerfile.Stage;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LD016: an ARG before the first FROM is visible to FROM lines only. A stage that uses it without
 * repeating {@code ARG NAME} gets an empty value, silently.
 */
public final class Ld016ArgScope implements Rule {
    private static final Pattern VAR = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))");

    @Override
    public String id() {
        return "LD016";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "ARGs used by a stage are declared after its FROM";
    }

    /** A RUN that sets the name itself ({@code V=1}, {@code export V=…}, {@code for V in …}) uses its own value. */
    private static boolean setByScript(Instruction i, String name) {
        if (!(i instanceof dev.lading.dockerfile.Run)) {
            return false;
        }
        if (SETTERS.size() > 256) {
            SETTERS.clear(); // the names come from the files linted: bounded, for a process that lints many
        }
        return SETTERS.computeIfAbsent(name, Ld016ArgScope::setter).matcher(i.original()).find();
    }

    /** The pattern of a script setting {@code name}, compiled once per name (a name is an ARG's: no regex syntax). */
    private static Pattern setter(String name) {
        return Pattern.compile("(^|[\\s;&|(])(export\\s+|local\\s+|readonly\\s+)?" + name + "=|\\bfor\\s+" + name
                + "\\s|\\bread\\s+(-\\S+\\s+)*" + name + "\\b");
    }

    private static final java.util.Map<String, Pattern> SETTERS = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Set<String> global = new HashSet<>();
        for (Arg a : ctx.dockerfile().globalArgs()) {
            a.declarations().forEach(d -> global.add(d.name()));
        }
        if (global.isEmpty()) {
            return;
        }
        Set<String> earlierStageNames = new HashSet<>();
        for (Stage st : ctx.dockerfile().stages()) {
            // a stage built FROM an earlier stage inherits that stage's ARGs; not followed here, so not judged
            boolean inherits = earlierStageNames.contains(st.from().image().toLowerCase(java.util.Locale.ROOT));
            st.name().ifPresent(earlierStageNames::add);
            if (inherits) {
                continue;
            }
            Set<String> defined = new HashSet<>();
            for (Instruction i : st.instructions()) {
                Set<String> reported = new LinkedHashSet<>();
                if (!(i instanceof From) && i.original().indexOf('$') >= 0) {
                    Matcher m = VAR.matcher(i.original());
                    while (m.find()) {
                        String name = m.group(1) != null ? m.group(1) : m.group(2);
                        if (global.contains(name) && !defined.contains(name) && !setByScript(i, name) && reported.add(name)) {
                            findings.report(i, "$" + name + " is a global ARG (declared before the first FROM), which only FROM "
                                    + "lines see: here it is empty; repeat 'ARG " + name + "' after this stage's FROM");
                        }
                    }
                }
                if (i instanceof Arg a) {
                    a.declarations().stream().map(ArgDeclaration::name).forEach(defined::add);
                } else if (i instanceof Env e) {
                    e.pairs().stream().map(KeyValue::key).forEach(defined::add);
                }
            }
        }
    }
}
