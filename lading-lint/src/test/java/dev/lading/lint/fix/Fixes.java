package dev.lading.lint.fix;

import dev.lading.lint.LintConfig;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Test helpers: run the fixer over text with one fix kind, or all, and a resolver that knows a few tags. */
final class Fixes {
    static final String DIGEST_A = "sha256:" + "a".repeat(64);
    static final String DIGEST_B = "sha256:" + "b".repeat(64);
    static final DigestResolver RESOLVER = image -> {
        String d = Map.of("debian:12", DIGEST_A, "golang:1.22", DIGEST_B, "alpine:latest", DIGEST_B,
                "registry.example.com:5000/team/base:1.0", DIGEST_A).get(image);
        if (d == null) {
            throw new java.io.IOException("manifest unknown: " + image);
        }
        return d;
    };

    private Fixes() {
    }

    /** The text after only the fix {@code kind} (and nothing else) ran. */
    static String only(String kind, String text) {
        return run(kind, text).fixed();
    }

    static FixResult run(String kind, String text) {
        Set<String> skip = new HashSet<>(Fixer.KINDS);
        skip.remove(kind);
        return new Fixer(LintConfig.empty(), skip, Optional.of(RESOLVER))
                .fix("Dockerfile", text, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static FixResult all(String text) {
        return all(LintConfig.empty(), text);
    }

    static FixResult all(LintConfig config, String text) {
        return new Fixer(config, Set.of(), Optional.of(RESOLVER))
                .fix("Dockerfile", text, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
