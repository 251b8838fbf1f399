package dev.lading.lint.rules;

import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Run;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.SimpleCommand;
import dev.lading.lint.shell.Word;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * LD019 (heuristic): Alpine's musl is the wrong base for software built for glibc. Reported only on what the
 * Dockerfile itself shows in an Alpine-based stage: installing a glibc compatibility layer (gcompat,
 * libc6-compat, a glibc package), or, on a Python Alpine image, installing compilers next to pip install
 * (building from source the wheels that glibc images get prebuilt).
 */
public final class Ld019AlpineGlibc implements Rule {
    private static final Set<String> GLIBC_COMPAT = Set.of("gcompat", "libc6-compat", "glibc", "glibc-bin", "glibc-i18n");
    private static final Set<String> COMPILERS = Set.of("gcc", "g++", "build-base", "musl-dev", "python3-dev", "clang");

    @Override
    public String id() {
        return "LD019";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Alpine (musl) is not the base for glibc-dependent stacks";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Set<String> alpineStages = new HashSet<>();
        Set<String> pythonStages = new HashSet<>();
        for (LintContext.StageView s : ctx.stages()) {
            if (!ctx.known(s.resolved().from()) || !(s.resolved().from().resolved() instanceof From f)) {
                continue;
            }
            String image = f.image().toLowerCase(Locale.ROOT);
            ImageRef ref = ImageRef.parse(image);
            String repo = ref.repository().substring(ref.repository().lastIndexOf('/') + 1);
            boolean alpine = alpineStages.contains(image) || repo.equals("alpine")
                    || ref.tag().map(t -> t.contains("alpine")).orElse(false);
            boolean python = pythonStages.contains(image) || (alpine && repo.equals("python"));
            if (!alpine) {
                continue;
            }
            s.stage().name().ifPresent(n -> alpineStages.add(n.toLowerCase(Locale.ROOT)));
            if (python) {
                s.stage().name().ifPresent(n -> pythonStages.add(n.toLowerCase(Locale.ROOT)));
            }
            boolean pip = s.runs().stream().anyMatch(r -> ctx.script(r).commands().stream()
                    .anyMatch(c -> RunCommands.pipArgs(c).isPresent()));
            for (Run r : s.runs()) {
                for (SimpleCommand c : ctx.script(r).commands("apk")) {
                    if (!c.hasSubcommand("add")) {
                        continue;
                    }
                    Optional<String> compat = added(c, GLIBC_COMPAT);
                    if (compat.isPresent()) {
                        findings.report(r, "'" + compat.get() + "' makes glibc software run on Alpine's musl: use a "
                                + "glibc base instead (e.g. debian:12-slim, a distroless image, or the -slim variant)");
                    } else if (python && pip) {
                        added(c, COMPILERS).ifPresent(cc -> findings.report(r, "installing " + cc + " to pip install on "
                                + "python:*-alpine builds from source what glibc images get as prebuilt wheels: use "
                                + "python:<version>-slim"));
                    }
                }
            }
        }
    }

    /** The package name of {@code name=1.2}, {@code name>1}, {@code name~1}: what precedes the first of =<>~. */
    static String withoutVersion(String v) {
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == '=' || ch == '<' || ch == '>' || ch == '~') {
                // as the pattern "[=<>~].*$" did, which cannot reach past a line break (rare in a word)
                return v.indexOf('\n', i) >= 0 || v.indexOf('\r', i) >= 0 ? VERSION.matcher(v).replaceFirst("") : v.substring(0, i);
            }
        }
        return v;
    }

    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("[=<>~].*$");

    private static Optional<String> added(SimpleCommand c, Set<String> names) {
        for (Word w : c.operandsAfterSubcommand(RunCommands.APK_VALUE_OPTIONS)) {
            if (!w.resolved()) {
                continue;
            }
            String v = w.value();
            String name = withoutVersion(v);
            String file = v.substring(v.lastIndexOf('/') + 1);
            if (names.contains(name) || (v.endsWith(".apk") && names.stream().anyMatch(n -> file.startsWith(n + "-")))) {
                return Optional.of(name.endsWith(".apk") ? file : name);
            }
        }
        return Optional.empty();
    }
}
