package dev.lading.dockerfile;

import java.util.Optional;

/**
 * One {@code RUN --mount=…} option, parsed as BuildKit does (comma-separated CSV fields, keys
 * case-insensitive, aliases {@code src}, {@code dst}/{@code destination}, {@code ro}, {@code rw} folded).
 * Values are as written: a value holding {@code $} is expanded later by the build, so it is kept raw and
 * not validated here (BuildKit validates after expansion too).
 *
 * @param type     {@code bind}, {@code cache}, {@code tmpfs}, {@code secret} or {@code ssh} (bind when not given)
 * @param readOnly the effective setting: explicit {@code ro}/{@code rw}, otherwise BuildKit's default
 *                 (cache and tmpfs writable, the others read-only)
 * @param required {@code required} of secret and ssh mounts
 * @param spec     the flag value as written, e.g. {@code type=cache,target=/root/.m2}
 */
public record Mount(String type, Optional<String> from, Optional<String> source, Optional<String> target,
                    boolean readOnly, Optional<String> id, Optional<String> sharing, Optional<String> mode,
                    Optional<String> uid, Optional<String> gid, Optional<String> size, Optional<String> env,
                    boolean required, String spec, SourceRange range) {

    public static final String BIND = "bind";
    public static final String CACHE = "cache";
    public static final String TMPFS = "tmpfs";
    public static final String SECRET = "secret";
    public static final String SSH = "ssh";
}
