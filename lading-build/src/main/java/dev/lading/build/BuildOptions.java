package dev.lading.build;

import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.oci.MediaType.Compression;
import dev.lading.oci.Platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything a build needs besides the Dockerfile and its args.
 *
 * @param context         the build context directory
 * @param ignore          its .dockerignore rules
 * @param platform        the platform being built for
 * @param sourceDateEpoch the time every file, history entry and the image carry (seconds)
 * @param labels          --label values; they override the Dockerfile's
 * @param compression     how new layers are compressed
 * @param baseImages      where FROM images come from
 * @param cache           the build cache ({@link BuildCache#disabled()} for --no-cache)
 * @param progress        receives one line per step, and the output of RUN commands
 * @param run             the sandbox, snapshotter and cache-mount directory RUN uses
 * @param secrets         {@code --secret} values by id, for {@code RUN --mount=type=secret}
 * @param defaultLabels   labels the image gets unless the Dockerfile sets them (git source and revision, version)
 */
public record BuildOptions(Path context, DockerIgnore ignore, Platform platform, long sourceDateEpoch,
                           Map<String, String> labels, Compression compression, BaseImageResolver baseImages,
                           BuildCache cache, Consumer<String> progress,
                           RunSupport run, Map<String, BuildSecret> secrets,
                           Map<String, String> defaultLabels) {
    public BuildOptions {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(ignore, "ignore");
        Objects.requireNonNull(platform, "platform");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(baseImages, "baseImages");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(run, "run");
        secrets = Map.copyOf(secrets);
        defaultLabels = Map.copyOf(defaultLabels);
    }

    /** A context with no .dockerignore, linux/amd64, epoch 0, gzip, no base images, no cache, no progress, no RUN. */
    public static BuildOptions of(Path context) {
        return new BuildOptions(context, DockerIgnore.none(), Platform.of("linux", "amd64", null), 0, Map.of(),
                Compression.GZIP, BaseImageResolver.none(), BuildCache.disabled(), line -> { },
                RunSupport.unavailable("RUN needs a sandbox, and this build was given none"), Map.of(), Map.of());
    }

    public BuildOptions withIgnore(DockerIgnore v) {
        return new BuildOptions(context, v, platform, sourceDateEpoch, labels, compression, baseImages, cache, progress, run, secrets, defaultLabels);
    }

    public BuildOptions withPlatform(Platform v) {
        return new BuildOptions(context, ignore, v, sourceDateEpoch, labels, compression, baseImages, cache, progress, run, secrets, defaultLabels);
    }

    public BuildOptions withSourceDateEpoch(long v) {
        return new BuildOptions(context, ignore, platform, v, labels, compression, baseImages, cache, progress, run, secrets, defaultLabels);
    }

    public BuildOptions withLabels(Map<String, String> v) {
        return new BuildOptions(context, ignore, platform, sourceDateEpoch, v, compression, baseImages, cache, progress, run, secrets, defaultLabels);
    }

    public BuildOptions withBaseImages(BaseImageResolver v) {
        return new BuildOptions(context, ignore, platform, sourceDateEpoch, labels, compression, v, cache, progress, run, secrets, defaultLabels);
    }

    public BuildOptions withCache(BuildCache v) {
        return new BuildOptions(context, ignore, platform, sourceDateEpoch, labels, compression, baseImages, v, progress, run, secrets, defaultLabels);
    }

    public BuildOptions withProgress(Consumer<String> v) {
        return new BuildOptions(context, ignore, platform, sourceDateEpoch, labels, compression, baseImages, cache, v, run, secrets, defaultLabels);
    }

    public BuildOptions withRun(RunSupport v) {
        return new BuildOptions(context, ignore, platform, sourceDateEpoch, labels, compression, baseImages, cache, progress, v, secrets, defaultLabels);
    }

    public BuildOptions withSecrets(Map<String, BuildSecret> v) {
        return new BuildOptions(context, ignore, platform, sourceDateEpoch, labels, compression, baseImages, cache, progress, run, v, defaultLabels);
    }

    public BuildOptions withDefaultLabels(Map<String, String> v) {
        return new BuildOptions(context, ignore, platform, sourceDateEpoch, labels, compression, baseImages, cache, progress, run, secrets, v);
    }
}
