package dev.lading.lint.rules;

import dev.lading.dockerfile.Run;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.SimpleCommand;
import dev.lading.lint.shell.Word;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * LD002: compilers, headers and build tools in the final stage ship with the image: more size, more CVEs,
 * more for an attacker to use. Build in an earlier stage and COPY --from it only what runs.
 */
public final class Ld002BuildInFinalStage implements Rule {
    private static final Pattern VERSION_SUFFIX = Pattern.compile("[=~<>].*$");
    private static final Set<String> COMPILERS = Set.of("gcc", "g++", "cc", "c++", "clang", "make", "cmake", "mvn",
            "gradle", "javac", "rustc", "tsc");
    private static final Pattern DEV_PACKAGE = Pattern.compile(
            "build-essential|build-base|gcc|g\\+\\+|make|cmake|clang|.*-dev(el)?|alpine-sdk|maven|gradle|golang|rustc|cargo");

    @Override
    public String id() {
        return "LD002";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Compilers, dev headers and build tools are used in a stage that is not the final one";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        ctx.finalStage().ifPresent(sv -> {
            for (Run r : sv.runs()) {
                for (SimpleCommand c : ctx.script(r).commands()) {
                    Optional<String> what = buildStep(c);
                    if (what.isPresent()) {
                        findings.report(r, what.get() + " in the final stage ships the toolchain in the image: build in an "
                                + "earlier stage (FROM … AS build) and COPY --from=build only the result");
                        break;
                    }
                }
            }
        });
    }

    static Optional<String> buildStep(SimpleCommand c) {
        if (c.isOneOf(COMPILERS)) {
            return Optional.of("'" + c.name().value() + "'");
        }
        if (c.is("go") && c.hasSubcommand("build", "install")
                || c.is("cargo") && c.hasSubcommand("build", "install")
                || c.is("npm") && c.args().size() >= 2 && c.args().get(0).value().equals("run")
                        && c.args().get(1).value().equals("build")
                || c.is("dotnet") && c.hasSubcommand("build", "publish")) {
            return Optional.of("'" + c.name().value() + " " + c.args().get(0).value() + "'");
        }
        Optional<java.util.List<Word>> pip = RunCommands.pipArgs(c);
        if (pip.isPresent() && pip.get().stream().anyMatch(w -> w.value().equals("wheel"))) {
            return Optional.of("'pip wheel'");
        }
        boolean install = (c.is("apt-get", "apt") && c.hasSubcommand("install")) || (c.is("apk") && c.hasSubcommand("add"))
                || (c.is("yum", "dnf", "microdnf") && c.hasSubcommand("install"));
        if (install) {
            Set<String> valueOptions = c.is("apk") ? RunCommands.APK_VALUE_OPTIONS : RunCommands.APT_VALUE_OPTIONS;
            for (Word w : c.operandsAfterSubcommand(valueOptions)) {
                String pkg = VERSION_SUFFIX.matcher(w.value()).replaceAll("");
                if (w.resolved() && DEV_PACKAGE.matcher(pkg).matches()) {
                    return Optional.of("installing '" + pkg + "'");
                }
            }
        }
        return Optional.empty();
    }
}
