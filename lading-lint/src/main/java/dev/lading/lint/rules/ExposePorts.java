package dev.lading.lint.rules;

import dev.lading.dockerfile.Expose;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.LintContext;
import java.util.ArrayList;
import java.util.List;

/** The EXPOSE ports BuildKit judges: each word with ARG/ENV substituted, skipped when a value is unknown. */
final class ExposePorts {
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private ExposePorts() {
    }

    record Port(Expose expose, String port) {
    }

    static List<Port> of(LintContext ctx) {
        List<Port> out = new ArrayList<>();
        for (LintContext.StageView s : ctx.stages()) {
            for (ResolvedInstruction ri : s.instructions()) {
                if (ri.original() instanceof Expose original && ri.resolved() instanceof Expose resolved && ctx.known(ri)) {
                    for (String p : resolved.ports()) {
                        for (String word : WHITESPACE.split(p.strip())) {
                            if (!word.isEmpty()) {
                                out.add(new Port(original, word));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
