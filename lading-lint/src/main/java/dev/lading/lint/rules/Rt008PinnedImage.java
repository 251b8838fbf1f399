package dev.lading.lint.rules;

import dev.lading.lint.ComposeRule;
import dev.lading.lint.FindingSink;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import dev.lading.lint.compose.ComposeFile;
import dev.lading.lint.compose.Interpolation;
import dev.lading.lint.compose.YamlNode;
import java.util.Locale;
import java.util.Set;

/**
 * RT008: {@code image: nginx} is {@code nginx:latest}, which is whatever was pushed last: the same compose
 * file starts different software on two days. A digest ({@code @sha256:…}) or a release tag says which.
 *
 * <p>Reported: no tag and no digest, {@code latest}, and the channel names registries move by design
 * ({@code stable}, {@code edge}, {@code nightly}, {@code rolling}, {@code main}, {@code master}). Any other
 * tag is taken as a release; whether a registry lets it move is not knowable from the file. A service with
 * {@code build:} and no {@code image:} builds its own image and is not judged; a variable in the name or tag
 * makes the reference unknown.
 */
public final class Rt008PinnedImage implements ComposeRule {
    private static final Set<String> MOVING = Set.of("latest", "stable", "edge", "nightly", "rolling", "main", "master");

    @Override
    public String id() {
        return "RT008";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Images are referenced by digest or an immutable tag, never latest or untagged";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public void check(ComposeFile compose, FindingSink findings) {
        for (ComposeFile.Service s : compose.services()) {
            YamlNode.Entry image = s.body().entry("image").orElse(null);
            if (image == null || !(image.value() instanceof YamlNode.Scalar v) || v.isNull() || v.aliased()) {
                continue;
            }
            String ref = v.text().trim();
            // the last path component holds the tag; a variable there (or for the whole name) is unknown
            if (Interpolation.present(Rt005PortsOnLoopback.split(ref, '/').getLast())) {
                continue;
            }
            ImageRef parsed = ImageRef.parse(ref);
            if (parsed.pinnedByDigest()) {
                continue;
            }
            if (parsed.tag().isEmpty()) {
                findings.report(image.keyRange(), "service '" + s.name() + "' uses image '" + ref + "' without a tag "
                        + "(it means :latest): name a release tag or pin a digest (" + ref + ":TAG@sha256:…)");
            } else if (MOVING.contains(parsed.tag().get().toLowerCase(Locale.ROOT))) {
                findings.report(image.keyRange(), "service '" + s.name() + "' uses image '" + ref + "' with the "
                        + "moving tag " + parsed.tag().get() + ": name a release tag or pin a digest");
            }
        }
    }
}
