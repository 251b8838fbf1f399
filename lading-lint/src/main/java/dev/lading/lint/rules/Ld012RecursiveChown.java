package dev.lading.lint.rules;

import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Add;
import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Run;
import dev.lading.dockerfile.Workdir;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.SimpleCommand;
import dev.lading.lint.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * LD012: {@code chown -R} or {@code chmod -R} over files a COPY just wrote duplicates every one of them
 * in a new layer. {@code COPY --chown/--chmod} sets ownership and mode as it copies.
 *
 * <p>Only paths that a COPY or ADD of the same stage wrote (the destination, inside it, or a directory
 * holding it) are reported: a recursive chown of a directory the Dockerfile did not copy is a different
 * matter. Relative paths are taken relative to the WORKDIR in force; a RUN that changes directory first
 * or a path that is not known is not judged, nor are stages whose layers no image ships
 * ({@link LintContext#shipped}).
 */
public final class Ld012RecursiveChown implements Rule {
    @Override
    public String id() {
        return "LD012";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "No RUN chown -R/chmod -R over copied trees: use COPY --chown/--chmod";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView sv : ctx.stages()) {
            if (!ctx.shipped(sv)) {
                continue; // files written twice in a build stage that is only copied from never reach an image
            }
            Optional<String> workdir = Optional.of("/");
            List<String> copied = new ArrayList<>();
            for (ResolvedInstruction ri : sv.instructions()) {
                Instruction r = ri.resolved();
                if (r instanceof Workdir w) {
                    workdir = ctx.known(ri) ? workdir.map(d -> join(d, w.path())) : Optional.empty();
                } else if (r instanceof Copy c) {
                    if (ctx.known(ri) && workdir.isPresent()) {
                        copied.add(join(workdir.get(), c.destination()));
                    }
                } else if (r instanceof Add a) {
                    if (ctx.known(ri) && workdir.isPresent()) {
                        copied.add(join(workdir.get(), a.destination()));
                    }
                } else if (r instanceof Run) {
                    check(ctx, (Run) ri.original(), workdir, copied, findings);
                }
            }
        }
    }

    private static void check(LintContext ctx, Run run, Optional<String> workdir, List<String> copied, FindingSink findings) {
        for (SimpleCommand c : ctx.script(run).commands()) {
            if (c.is("cd", "pushd")) {
                return;
            }
            if (!c.is("chown", "chmod") || !c.hasFlag("-R", "--recursive")) {
                continue;
            }
            boolean first = true;
            for (Word w : c.args()) {
                if (w.isFlag()) {
                    continue;
                }
                if (first) { // the owner or the mode
                    first = false;
                    continue;
                }
                if (!w.resolved() || workdir.isEmpty()) {
                    continue;
                }
                String path = join(workdir.get(), w.value());
                for (String dest : copied) {
                    if (overlaps(path, dest)) {
                        String flag = c.is("chown") ? "--chown" : "--chmod";
                        findings.report(run, "'" + c.name().value() + " -R " + w.value() + "' rewrites files a COPY just wrote "
                                + "(a second copy of each in a new layer): set them on the COPY with " + flag + "=…");
                        return;
                    }
                }
            }
        }
    }

    static String join(String dir, String p) {
        String abs = p.startsWith("/") ? p : dir + "/" + p;
        List<String> parts = new ArrayList<>();
        for (String s : abs.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(s);
            }
        }
        return "/" + String.join("/", parts);
    }

    private static boolean overlaps(String a, String b) {
        return a.equals(b) || a.startsWith(b.equals("/") ? "/" : b + "/") || b.startsWith(a.equals("/") ? "/" : a + "/");
    }
}
