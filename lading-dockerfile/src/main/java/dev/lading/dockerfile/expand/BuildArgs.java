package dev.lading.dockerfile.expand;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a build is given from outside the Dockerfile: {@code --build-arg} values and the build and target
 * platforms, from which BuildKit's predefined ARGs are derived.
 *
 * @param values         {@code --build-arg NAME=value} overrides
 * @param buildPlatform  the platform the build runs on, {@code os/arch[/variant]}
 * @param targetPlatform the platform being built for, {@code os/arch[/variant]}
 */
public record BuildArgs(Map<String, String> values, String buildPlatform, String targetPlatform) {

    /** The proxy ARGs BuildKit passes to RUN without an ARG declaration (they are not expanded in the Dockerfile). */
    public static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    /** The platform ARGs BuildKit defines in the global scope. */
    public static final Set<String> PLATFORM_ARGS = Set.of("TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
            "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT");

    public BuildArgs {
        values = Map.copyOf(values);
        requirePlatform(buildPlatform);
        requirePlatform(targetPlatform);
    }

    /** No build args, building linux/amd64 on linux/amd64. */
    public static BuildArgs none() {
        return new BuildArgs(Map.of(), "linux/amd64", "linux/amd64");
    }

    public static BuildArgs of(Map<String, String> values) {
        return new BuildArgs(values, "linux/amd64", "linux/amd64");
    }

    public BuildArgs withPlatforms(String build, String target) {
        return new BuildArgs(values, build, target);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** TARGETPLATFORM, TARGETOS, … and BUILDPLATFORM, … as BuildKit sets them (variant empty when none). */
    public Map<String, String> platformArgs() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "TARGET", targetPlatform);
        put(m, "BUILD", buildPlatform);
        return m;
    }

    private static void put(Map<String, String> m, String prefix, String platform) {
        String[] parts = platform.split("/", -1);
        m.put(prefix + "PLATFORM", platform);
        m.put(prefix + "OS", parts[0]);
        m.put(prefix + "ARCH", parts[1]);
        m.put(prefix + "VARIANT", parts.length > 2 ? parts[2] : "");
    }

    private static void requirePlatform(String p) {
        if (p == null || !p.matches("[a-z0-9_.-]+/[a-z0-9_.-]+(/[a-z0-9_.-]+)?")) {
            throw new IllegalArgumentException("platform must be os/arch[/variant], not: " + p);
        }
    }
}
