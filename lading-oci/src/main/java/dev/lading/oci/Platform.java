package dev.lading.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Locale;

/** A platform as an image index describes it: os/architecture[/variant]. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Platform(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("os") String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("os.features") List<String> osFeatures,
        @JsonProperty("variant") String variant,
        @JsonProperty("features") List<String> features) {

    public static Platform of(String os, String architecture, String variant) {
        return new Platform(architecture, os, null, null, variant, null);
    }

    /** Parses {@code os/arch[/variant]}, e.g. {@code linux/arm64/v8}. */
    public static Platform parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("invalid platform '" + text + "' (want os/arch[/variant], e.g. linux/amd64)");
        }
        return of(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** The platform of the JVM lading runs on, in Go's GOARCH names as images use them. */
    public static Platform host() {
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "arm" -> "arm";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> System.getProperty("os.arch");
        };
        return of("linux", arch, arch.equals("arm64") ? "v8" : null);
    }

    /** Whether this (a wanted platform) is satisfied by {@code other} (an image's platform). */
    public boolean matches(Platform other) {
        if (other == null) {
            return false;
        }
        if (!eq(os, other.os) || !eq(architecture, other.architecture)) {
            return false;
        }
        if (variant == null || variant.isEmpty()) {
            return true;
        }
        String otherVariant = other.variant;
        if ((otherVariant == null || otherVariant.isEmpty()) && "arm64".equals(architecture)) {
            otherVariant = "v8";
        }
        return variant.equals(otherVariant);
    }

    private static boolean eq(String a, String b) {
        return a != null && a.equalsIgnoreCase(b);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null || variant.isEmpty() ? "" : "/" + variant);
    }
}
