package dev.lading.lint.rules;

import dev.lading.dockerfile.Add;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.LintContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** ADD instructions with resolved sources, and what kind each source is. */
final class AddSources {
    private static final java.util.regex.Pattern LOCAL_ARCHIVE = java.util.regex.Pattern.compile(".*\\.(tar|tar\\.gz|tgz|tar\\.bz2|tbz2?|tar\\.xz|txz|tar\\.zst|tzst|tar\\.lz|tar\\.lzma)");

    private AddSources() {
    }

    /** An ADD whose sources are all known. */
    record Resolved(Add original, Add resolved) {
    }

    static List<Resolved> of(LintContext ctx) {
        List<Resolved> out = new ArrayList<>();
        for (LintContext.StageView sv : ctx.stages()) {
            for (ResolvedInstruction ri : sv.instructions()) {
                if (ri.resolved() instanceof Add a && ctx.known(ri)) {
                    out.add(new Resolved((Add) ri.original(), a));
                }
            }
        }
        return out;
    }

    static boolean isUrl(String src) {
        String s = src.toLowerCase(Locale.ROOT);
        return s.startsWith("http://") || s.startsWith("https://");
    }

    static boolean isGit(String src) {
        String s = src.toLowerCase(Locale.ROOT);
        return s.startsWith("git@") || s.startsWith("git://") || (isUrl(s) && (s.endsWith(".git") || s.contains(".git#")));
    }

    /** Local archives ADD extracts: the reason ADD exists besides URLs. */
    static boolean isLocalArchive(String src) {
        String s = src.toLowerCase(Locale.ROOT);
        return LOCAL_ARCHIVE.matcher(s).matches();
    }

    static boolean isHeredoc(Add a, String src) {
        return a.heredocs().stream().anyMatch(h -> h.word().equals(src));
    }
}
