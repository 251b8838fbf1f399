package dev.lading.build;

import dev.lading.build.snapshot.Snapshotter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What RUN needs from the host: a sandbox, a snapshotter and a place for cache mounts. Asked for lazily, at
 * the first RUN that is not a cache hit, so a Dockerfile without RUN (or a fully cached rebuild) never probes
 * the host.
 */
public interface RunSupport {

    Sandbox sandbox() throws IOException;

    /** The snapshotter that works with {@code sandbox}. */
    Snapshotter snapshotter(Sandbox sandbox) throws IOException;

    /** Where {@code RUN --mount=type=cache} directories live between builds. */
    Path cacheMounts();

    /** No RUN possible: each RUN fails with {@code why}. */
    static RunSupport unavailable(String why) {
        return new RunSupport() {
            @Override
            public Sandbox sandbox() {
                throw new BuildException(why);
            }

            @Override
            public Snapshotter snapshotter(Sandbox sandbox) {
                throw new BuildException(why);
            }

            @Override
            public Path cacheMounts() {
                throw new BuildException(why);
            }
        };
    }
}
