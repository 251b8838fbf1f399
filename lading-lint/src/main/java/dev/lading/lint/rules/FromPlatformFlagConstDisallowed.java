package dev.lading.lint.rules;

import dev.lading.dockerfile.From;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BuildKit's FromPlatformFlagConstDisallowed: {@code FROM --platform=linux/amd64} pins a stage to one
 * platform, so the Dockerfile cannot build for another. As BuildKit: only a value without variables that
 * parses as a platform is judged, and a stage whose name contains the platform's OS or architecture (after
 * normalisation: {@code x86_64} is {@code amd64}) is taken as deliberately platform-specific.
 *
 * <p>Where it fires, hadolint's DL3029 (any constant {@code --platform}) fires at the same FROM: the two are
 * twins, shown once. Without BuildKit's stage-name exception DL3029 still speaks alone.
 */
public final class FromPlatformFlagConstDisallowed implements BuildKitCheck {
    private static final Set<String> OSES = Set.of("aix", "android", "darwin", "dragonfly", "freebsd", "illumos",
            "ios", "js", "linux", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows");
    /** containerd's architecture aliases, as platforms.Parse normalises them. */
    private static final Map<String, String> ARCH_ALIASES = Map.of("x86_64", "amd64", "x86-64", "amd64",
            "aarch64", "arm64", "armhf", "arm", "armel", "arm", "i386", "386", "i486", "386", "i586", "386",
            "i686", "386");

    @Override
    public String id() {
        return "FromPlatformFlagConstDisallowed";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "FROM --platform flag should not use a constant value";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public Set<String> twins() {
        return Set.of("DL3029");
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView s : ctx.stages()) {
            From from = s.stage().from();
            String p = from.platform().orElse("").strip();
            if (p.isEmpty() || p.contains("$")) {
                continue;
            }
            Optional<String[]> osArch = parse(p);
            if (osArch.isEmpty()) {
                continue; // not a platform: the build fails on it, this check has nothing to say
            }
            String stage = from.name().orElse("").toLowerCase(Locale.ROOT);
            String os = osArch.get()[0];
            String arch = osArch.get()[1];
            if ((!os.isEmpty() && stage.contains(os)) || (!arch.isEmpty() && stage.contains(arch))) {
                continue;
            }
            findings.report(from, "FROM --platform flag should not use constant value \"" + p + "\": leave it out and "
                    + "pass --platform when building, use $BUILDPLATFORM, or name the stage after the platform");
        }
    }

    /** {os, arch} of an {@code os[/arch[/variant]]} or bare {@code arch} specifier; empty when it is not one. */
    static Optional<String[]> parse(String specifier) {
        String[] parts = specifier.toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length > 3) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (!part.matches("[a-z0-9_-]+")) {
                return Optional.empty();
            }
        }
        if (parts.length == 1) {
            // one word is an OS (the architecture is the builder's) or an architecture (on the builder's OS)
            return Optional.of(OSES.contains(parts[0]) ? new String[] {parts[0], ""}
                    : new String[] {"", ARCH_ALIASES.getOrDefault(parts[0], parts[0])});
        }
        return Optional.of(new String[] {parts[0], ARCH_ALIASES.getOrDefault(parts[1], parts[1])});
    }
}
