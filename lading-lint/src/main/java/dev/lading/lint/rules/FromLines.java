package dev.lading.lint.rules;

import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Stage;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.LintContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The FROM lines that name a base image from a registry, resolved; FROMs of earlier stages and scratch are left out. */
final class FromLines {
    private FromLines() {
    }

    /** A FROM whose image is known: {@code at} is the instruction as written, {@code ref} its resolved reference. */
    record ExternalFrom(From at, String image, ImageRef ref) {
    }

    static List<ExternalFrom> external(LintContext ctx) {
        List<ExternalFrom> out = new ArrayList<>();
        Set<String> earlierStages = new HashSet<>();
        for (LintContext.StageView sv : ctx.stages()) {
            Stage st = sv.stage();
            ResolvedInstruction ri = sv.resolved().from();
            if (ctx.known(ri) && ri.resolved() instanceof From f) {
                String image = f.image();
                ImageRef ref = ImageRef.parse(image);
                if (!earlierStages.contains(image.toLowerCase(Locale.ROOT)) && !ref.isScratch() && !image.isEmpty()) {
                    out.add(new ExternalFrom(st.from(), image, ref));
                }
            }
            st.name().ifPresent(earlierStages::add);
        }
        return out;
    }
}
