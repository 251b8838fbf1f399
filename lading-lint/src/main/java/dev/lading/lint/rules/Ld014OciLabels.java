package dev.lading.lint.rules;

import dev.lading.dockerfile.From;
import dev.lading.dockerfile.KeyValue;
import dev.lading.dockerfile.Label;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * LD014: the final image says where it comes from ({@code org.opencontainers.image.source}), which version
 * it is, which commit ({@code .revision}) and when it was built ({@code .created}). Labels of the stages the
 * final stage is built FROM count.
 *
 * <p>{@code lading build} fills {@code revision} and {@code created} from git and SOURCE_DATE_EPOCH when
 * absent, so by default only {@code source} and {@code version} must be in the Dockerfile. Options:
 * {@code required} (label suffixes, default all four) and {@code filled-by-build} (default
 * {@code [revision, created]}; set {@code []} when the image is built by another tool).
 */
public final class Ld014OciLabels implements Rule {
    static final String PREFIX = "org.opencontainers.image.";

    @Override
    public String id() {
        return "LD014";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "OCI labels org.opencontainers.image.source, .version, .revision and .created are set";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Map<String, Optional<Set<String>>> byStage = new HashMap<>();
        Optional<Set<String>> last = Optional.empty();
        for (LintContext.StageView s : ctx.stages()) {
            String base = s.resolved().from().resolved() instanceof From f ? f.image().toLowerCase(Locale.ROOT) : "";
            Optional<Set<String>> keys = Optional.of(new HashSet<>(byStage.getOrDefault(base, Optional.of(Set.of()))
                    .orElse(Set.of())));
            if (byStage.containsKey(base) && byStage.get(base).isEmpty()) {
                keys = Optional.empty();
            }
            for (ResolvedInstruction ri : s.instructions()) {
                if (keys.isPresent() && ri.original() instanceof Label original && ri.resolved() instanceof Label l) {
                    boolean keyUnknown = false;
                    for (KeyValue kv : original.pairs()) {
                        keyUnknown |= kv.key().contains("$");
                    }
                    if (keyUnknown && !ctx.known(ri)) {
                        keys = Optional.empty(); // a label name we cannot read: it might be one of ours
                    } else {
                        for (KeyValue kv : l.pairs()) {
                            keys.get().add(kv.key());
                        }
                    }
                }
            }
            if (s.stage().name().isPresent()) {
                byStage.put(s.stage().name().get().toLowerCase(Locale.ROOT), keys);
            }
            last = keys;
        }
        if (last.isEmpty() || ctx.finalStage().isEmpty()) {
            return;
        }
        List<String> required = list(ctx.options(id()).get("required"), List.of("source", "version", "revision", "created"));
        List<String> filled = list(ctx.options(id()).get("filled-by-build"), List.of("revision", "created"));
        List<String> missing = new ArrayList<>();
        for (String r : required) {
            if (!filled.contains(r) && !last.get().contains(PREFIX + r)) {
                missing.add(PREFIX + r);
            }
        }
        if (!missing.isEmpty()) {
            findings.report(ctx.finalStage().get().stage().from(), "the image lacks the OCI label"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + ": add LABEL "
                    + missing.get(0) + "=… (use an ARG for values that change per build)");
        }
    }

    private static List<String> list(Object option, List<String> fallback) {
        if (option instanceof List<?> l) {
            return l.stream().map(o -> String.valueOf(o).replaceFirst("^" + java.util.regex.Pattern.quote(PREFIX), "")).toList();
        }
        return fallback;
    }
}
