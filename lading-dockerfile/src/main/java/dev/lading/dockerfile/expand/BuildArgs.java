package dev.lading.dockerfile.expand;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a build is given from outside the Dockerfile: {@code --build-arg} values, the build and target
 * platforms (from which BuildKit's automatic ARGs are derived) and the {@code --target} stage.
 *
 * @param values         {@code --build-arg NAME=value} overrides
 * @param buildPlatform  the platform the build runs on, {@code os/arch[/variant]}
 * @param targetPlatform the platform being built for, {@code os/arch[/variant]}
 * @param target         the {@code --target} stage, if any
 */
public record BuildArgs(Map<String, String> values, String buildPlatform, String targetPlatform, Optional<String> target) {

    /** The proxy ARGs BuildKit passes to every RUN without an ARG declaration (they are not expanded in the Dockerfile). */
    public static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    /** The ARGs BuildKit defines in the global scope. */
    public static final Set<String> AUTOMATIC_ARGS = Set.of("TARGETPLATFORM", "TARGETOS", "TARGETOSVERSION", "TARGETARCH",
            "TARGETVARIANT", "BUILDPLATFORM", "BUILDOS", "BUILDOSVERSION", "BUILDARCH", "BUILDVARIANT", "TARGETSTAGE");

    private static final String DEFAULT_PLATFORM = "linux/amd64";

    private static final java.util.regex.Pattern PLATFORM =
            java.util.regex.Pattern.compile("[a-z0-9_.-]+/[a-z0-9_.-]+(/[a-z0-9_.-]+)?");

    public BuildArgs {
        values = Map.copyOf(values);
        buildPlatform = normalize(buildPlatform);
        targetPlatform = normalize(targetPlatform);
        target = target == null ? Optional.empty() : target.map(t -> t.toLowerCase(Locale.ROOT));
    }

    /** No build args, building linux/amd64 on linux/amd64. */
    public static BuildArgs none() {
        return of(Map.of());
    }

    public static BuildArgs of(Map<String, String> values) {
        return new BuildArgs(values, DEFAULT_PLATFORM, DEFAULT_PLATFORM, Optional.empty());
    }

    public BuildArgs withPlatforms(String build, String target) {
        return new BuildArgs(values, build, target, this.target);
    }

    public BuildArgs withTarget(String stage) {
        return new BuildArgs(values, buildPlatform, targetPlatform, Optional.of(stage));
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * BuildKit's automatic global ARGs: TARGETPLATFORM, TARGETOS, TARGETOSVERSION, TARGETARCH, TARGETVARIANT,
     * the same for BUILD…, and TARGETSTAGE. A build arg of the same name overrides each.
     */
    public Map<String, String> automaticArgs(String targetStage) {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "BUILD", buildPlatform);
        put(m, "TARGET", targetPlatform);
        m.put("TARGETSTAGE", targetStage);
        for (String k : AUTOMATIC_ARGS) {
            if (values.containsKey(k)) {
                m.put(k, values.get(k));
            }
        }
        return m;
    }

    private static void put(Map<String, String> m, String prefix, String platform) {
        // made once per platform, not for every stage linted; platforms are few (those a build targets), and
        // the cache is bounded all the same
        Map<String, String[]> cache = prefix.equals("BUILD") ? BUILD_PLATFORM_ARGS : TARGET_PLATFORM_ARGS;
        String[] known = cache.get(platform);
        if (known == null) {
            if (cache.size() > 64) {
                cache.clear();
            }
            known = platformArgs(prefix, platform);
            cache.put(platform, known);
        }
        for (int i = 0; i < known.length; i += 2) {
            m.put(known[i], known[i + 1]);
        }
    }

    private static final Map<String, String[]> BUILD_PLATFORM_ARGS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, String[]> TARGET_PLATFORM_ARGS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * BUILDPLATFORM, BUILDOS, BUILDOSVERSION, BUILDARCH, BUILDVARIANT (or TARGET…) of a platform, in that order:
     * name, value, name, value…
     */
    private static String[] platformArgs(String prefix, String platform) {
        String[] parts = platform.split("/", -1);
        return new String[]{prefix + "PLATFORM", platform, prefix + "OS", parts[0], prefix + "OSVERSION", "",
                prefix + "ARCH", parts[1], prefix + "VARIANT", parts.length > 2 ? parts[2] : ""};
    }

    /** Checks the form and drops the variants containerd's platform normalisation drops (arm64/v8). */
    private static String normalize(String p) {
        if (DEFAULT_PLATFORM.equals(p)) {
            return p; // every lint makes BuildArgs for the default: no pattern to match
        }
        if (p == null || !PLATFORM.matcher(p).matches()) {
            throw new IllegalArgumentException("platform must be os/arch[/variant], not: " + p);
        }
        if (p.endsWith("/arm64/v8")) {
            return p.substring(0, p.length() - 3);
        }
        return p;
    }
}
