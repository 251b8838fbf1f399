package dev.lading.lint.rules;

import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.dockerfile.Stage;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3022: COPY --from should reference a previously defined FROM alias */
public final class Dl3022CopyFromKnownStage implements Rule {
    private static final java.util.regex.Pattern STAGE_INDEX = java.util.regex.Pattern.compile("[0-9]{1,9}");

    @Override
    public String id() {
        return "DL3022";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "COPY --from should reference a previously defined FROM alias";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Set<String> earlier = new HashSet<>();
        for (LintContext.StageView sv : ctx.stages()) {
            Stage st = sv.stage();
            for (ResolvedInstruction ri : sv.instructions()) {
                if (ri.resolved() instanceof Copy c && c.from().isPresent() && ctx.known(ri)) {
                    String from = c.from().get().toLowerCase(Locale.ROOT);
                    boolean index = STAGE_INDEX.matcher(from).matches() && Integer.parseInt(from) < st.index();
                    // an image reference (name:tag, registry/name, @digest) is not a stage
                    boolean image = from.contains(":") || from.contains("/") || from.contains("@");
                    if (!index && !image && !earlier.contains(from) && !st.name().map(from::equals).orElse(false)) {
                        findings.report(ri.original(), "COPY --from=" + c.from().get() + " names no earlier stage: define it "
                                + "with FROM … AS " + from + " before this stage, or give an image reference with a tag");
                    }
                }
            }
            st.name().ifPresent(earlier::add);
        }
    }
}
