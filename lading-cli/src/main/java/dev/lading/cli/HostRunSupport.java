package dev.lading.cli;

import dev.lading.build.BuildException;
import dev.lading.build.RunSupport;
import dev.lading.build.Sandbox;
import dev.lading.build.sandbox.Sandboxes;
import dev.lading.build.snapshot.CopyDiffSnapshotter;
import dev.lading.build.snapshot.OverlaySnapshotter;
import dev.lading.build.snapshot.Snapshotter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * RUN on this host: the sandbox {@link Sandboxes} picks (or $LADING_SANDBOX names), the overlay snapshotter
 * where that sandbox can mount one and copy-diff elsewhere (or what $LADING_SNAPSHOTTER names), and cache
 * mounts under $LADING_HOME/cache/mounts. The host is probed only when a RUN first needs it.
 */
final class HostRunSupport implements RunSupport {

    static final String SNAPSHOTTER_ENV = "LADING_SNAPSHOTTER";

    private final Map<String, String> env;
    private final Path cacheMounts;
    private Sandboxes.Probe probe;

    HostRunSupport(Map<String, String> env, Path home) {
        this.env = env;
        this.cacheMounts = home.resolve("cache").resolve("mounts");
    }

    @Override
    public synchronized Sandbox sandbox() throws IOException {
        Sandboxes host = Sandboxes.probe();
        Optional<String> preferred = Sandboxes.preference(env);
        try {
            probe = host.chosen(preferred).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new BuildException(e.getMessage());
        }
        try {
            return host.choose(preferred);
        } catch (IOException e) {
            throw new BuildException(e.getMessage());
        }
    }

    @Override
    public synchronized Snapshotter snapshotter(Sandbox sandbox) {
        String wanted = Optional.ofNullable(env.get(SNAPSHOTTER_ENV)).map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).orElse("auto");
        boolean overlay = probe != null && probe.overlay();
        return switch (wanted) {
            case "auto" -> overlay ? new OverlaySnapshotter() : new CopyDiffSnapshotter();
            case "overlay" -> {
                if (!overlay) {
                    throw new BuildException(SNAPSHOTTER_ENV + "=overlay, but the " + sandbox.name() + " sandbox cannot mount an overlay here: "
                            + (probe == null ? "unknown" : probe.overlayProblem()));
                }
                yield new OverlaySnapshotter();
            }
            case "copy-diff" -> new CopyDiffSnapshotter();
            default -> throw new BuildException(SNAPSHOTTER_ENV + " must be overlay, copy-diff or auto, not '" + wanted + "'");
        };
    }

    @Override
    public Path cacheMounts() {
        return cacheMounts;
    }
}
