package dev.lading.lint.rules;

import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Run;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.SimpleCommand;
import dev.lading.lint.shell.Word;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * hadolint DL3010: a local tar archive COPYed and then extracted by a RUN of the same stage keeps the archive
 * in a layer; {@code ADD archive.tar.gz /dir/} extracts it in one step. Reported at the COPY. Only tar
 * archives in the formats ADD extracts are considered (ADD does not unpack zip files).
 */
public final class Dl3010AddForArchives implements Rule {
    private static final java.util.regex.Pattern EXTRACT_FLAGS = java.util.regex.Pattern.compile("[a-zA-Z]*x[a-zA-Z]*");
    private static final List<String> TAR_EXTENSIONS = List.of(".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz",
            ".tar.xz", ".txz", ".tar.lzma", ".tlz");
    private static final Set<String> DECOMPRESSORS = Set.of("gunzip", "bunzip2", "unxz", "unlzma", "zcat", "gzcat",
            "uncompress");

    @Override
    public String id() {
        return "DL3010";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "Use ADD for extracting archives into an image";
    }

    static boolean isTarArchive(String path) {
        String p = path.toLowerCase(java.util.Locale.ROOT);
        for (String extension : TAR_EXTENSIONS) { // a loop: asked of every ADD and COPY source
            if (p.endsWith(extension)) {
                return true;
            }
        }
        return false;
    }

    private static String basename(String p) {
        String s = Paths.stripTrailingSlashes(p);
        return s.substring(s.lastIndexOf('/') + 1);
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView s : ctx.stages()) {
            Map<String, Instruction> archives = new LinkedHashMap<>();
            Set<Instruction> reported = new LinkedHashSet<>();
            for (ResolvedInstruction ri : s.instructions()) {
                if (ri.resolved() instanceof Copy c && c.from().isEmpty() && c.heredocs().isEmpty() && ctx.known(ri)) {
                    if (isTarArchive(c.destination())) {
                        archives.put(basename(c.destination()), ri.original());
                    } else {
                        c.sources().stream().filter(Dl3010AddForArchives::isTarArchive)
                                .forEach(src -> archives.put(basename(src), ri.original()));
                    }
                } else if (ri.original() instanceof Run run && !archives.isEmpty()) {
                    for (SimpleCommand cmd : ctx.script(run).commands()) {
                        if (!extracts(cmd)) {
                            continue;
                        }
                        for (Word w : cmd.args()) {
                            Instruction copy = w.resolved() && !w.isFlag() ? archives.get(basename(w.value())) : null;
                            if (copy != null && reported.add(copy)) {
                                findings.report(copy, "'" + basename(w.value()) + "' is copied and then extracted by the RUN "
                                        + "on line " + run.range().start().line() + ", so the archive stays in a layer: "
                                        + "ADD it to the target directory instead, which extracts it");
                            }
                        }
                    }
                }
            }
        }
    }

    private static boolean extracts(SimpleCommand c) {
        if (c.is("tar")) {
            for (int i = 0; i < c.args().size(); i++) {
                String v = c.args().get(i).value();
                if (v.equals("--extract") || v.equals("--get") || (v.startsWith("-") && !v.startsWith("--") && v.contains("x"))
                        || (i == 0 && EXTRACT_FLAGS.matcher(v).matches())) {
                    return true;
                }
            }
            return false;
        }
        return c.name().resolved() && DECOMPRESSORS.contains(c.name().value().substring(c.name().value().lastIndexOf('/') + 1));
    }
}
