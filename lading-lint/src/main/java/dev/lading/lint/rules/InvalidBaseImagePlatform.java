package dev.lading.lint.rules;

import dev.lading.dockerfile.From;
import dev.lading.lint.BaseImagePlatforms;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * BuildKit's InvalidBaseImagePlatform: a base image resolved to another OS or architecture than the stage is
 * built for (the registry has no manifest for that platform, or the image is single-platform). BuildKit
 * learns it while pulling; the Dockerfile alone cannot tell. So this rule judges only what the caller passes
 * in {@link BaseImagePlatforms} (the platform the build is for, and the platform each base image resolved
 * to) and is silent in a plain {@code lading lint}, which resolves no image. {@code lading build} records
 * what its base images resolved to and runs this rule after the build.
 *
 * <p>The platform a stage is built for is its {@code FROM --platform} when that is known and constant,
 * else the requested one. As BuildKit, only OS and architecture are compared, not the variant.
 */
public final class InvalidBaseImagePlatform implements BuildKitCheck {
    @Override
    public String id() {
        return "InvalidBaseImagePlatform";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Base image platform does not match expected target platform";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        BaseImagePlatforms platforms = ctx.baseImagePlatforms();
        if (platforms.pulled().isEmpty()) {
            return;
        }
        Set<String> stages = new HashSet<>();
        for (LintContext.StageView s : ctx.stages()) {
            From written = s.stage().from();
            if (s.resolved().from().resolved() instanceof From from) {
                String image = from.image();
                String actual = platforms.pulled().get(image);
                Optional<String> expected = from.platform().filter(p -> !p.contains("$") && ctx.known(s.resolved().from()))
                        .map(String::strip).or(platforms::requested);
                boolean pulledImage = !image.equalsIgnoreCase("scratch") && !stages.contains(image.toLowerCase(Locale.ROOT));
                if (actual != null && expected.isPresent() && pulledImage
                        && !sameOsAndArch(expected.get(), actual)) {
                    findings.report(written, "Base image " + image + " was pulled with platform \"" + actual + "\", expected \""
                            + expected.get() + "\" for current build: pick a tag or digest that has " + expected.get()
                            + ", or set FROM --platform if this stage is meant to run elsewhere");
                }
            }
            written.stageName().ifPresent(stages::add);
        }
    }

    private static boolean sameOsAndArch(String expected, String actual) {
        Optional<String[]> e = FromPlatformFlagConstDisallowed.parse(expected);
        Optional<String[]> a = FromPlatformFlagConstDisallowed.parse(actual);
        if (e.isEmpty() || a.isEmpty()) {
            return true; // not platforms this check can compare: say nothing
        }
        // a bare OS or architecture names only that part; the other is the builder's and is not compared
        boolean os = e.get()[0].isEmpty() || a.get()[0].isEmpty() || e.get()[0].equals(a.get()[0]);
        boolean arch = e.get()[1].isEmpty() || a.get()[1].isEmpty() || e.get()[1].equals(a.get()[1]);
        return os && arch;
    }
}
