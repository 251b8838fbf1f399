package dev.lading.oci.layout;

import dev.lading.oci.DockerReference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * lading's local image store: one OCI image layout under {@code $LADING_HOME/store} whose index.json names
 * images by their full normalised reference ({@code docker.io/library/app:dev}). Any OCI tool can read it:
 * {@code skopeo inspect oci:$LADING_HOME/store:docker.io/library/app:dev}.
 */
public final class Store {
    private final Path home;
    private final OciLayout layout;

    private Store(Path home, OciLayout layout) {
        this.home = home;
        this.layout = layout;
    }

    public static Store open(Path home) throws IOException {
        return new Store(home, OciLayout.createOrOpen(home.resolve("store")));
    }

    /** {@code $LADING_HOME}, else {@code $XDG_DATA_HOME/lading}, else {@code ~/.local/share/lading}. */
    public static Path defaultHome(Map<String, String> env) {
        String h = env.get("LADING_HOME");
        if (h != null && !h.isBlank()) {
            return Path.of(h);
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "lading");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "lading");
    }

    public Path home() {
        return home;
    }

    public OciLayout layout() {
        return layout;
    }

    /** The name an image has in the store's index.json. */
    public static String refName(DockerReference ref) {
        return ref.toString();
    }
}
