package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * LD004: a tag moves; only a digest names the same bytes tomorrow. The tag stays beside the digest so
 * people (and update bots) can read which version it is.
 */
public final class Ld004PinnedFrom implements Rule {
    @Override
    public java.util.Set<String> twins() {
        return java.util.Set.of("DL3006", "DL3007");
    }

    @Override
    public String id() {
        return "LD004";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Every FROM is pinned to image:tag@sha256:…";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (FromLines.ExternalFrom f : FromLines.external(ctx)) {
            ImageRef ref = f.ref();
            boolean latest = ref.tag().map("latest"::equals).orElse(false);
            if (latest) {
                findings.report(f.at(), "'" + f.image() + "' uses the moving tag latest: name a version and pin it as "
                        + ref.repository() + ":<version>@sha256:<digest>");
            } else if (ref.tag().isEmpty() && !ref.pinnedByDigest()) {
                findings.report(f.at(), "'" + f.image() + "' has no tag and no digest (it means :latest): pin it as "
                        + ref.repository() + ":<version>@sha256:<digest>");
            } else if (!ref.pinnedByDigest()) {
                findings.report(f.at(), "'" + f.image() + "' is not pinned by digest: write " + f.image()
                        + "@sha256:<digest> (lading lint --fix resolves it)");
            } else if (ref.tag().isEmpty()) {
                findings.report(f.at(), "'" + f.image() + "' has a digest but no tag: keep the tag beside it ("
                        + ref.repository() + ":<version>@" + ref.digest().orElseThrow() + ") so readers know the version");
            }
        }
    }
}
