package dev.lading.oci.content;

import dev.lading.oci.Platform;

/**
 * How {@link ImageCopier} treats an index: {@code all} copies every platform (digests preserved); otherwise
 * the one image for {@code platform} (default: this host's) is copied and becomes the destination's root.
 */
public record CopyOptions(boolean all, Platform platform, int parallelism, CopyProgress progress) {
    public CopyOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1");
        }
        progress = progress == null ? CopyProgress.NONE : progress;
    }

    public static CopyOptions defaults() {
        return new CopyOptions(false, null, 4, CopyProgress.NONE);
    }

    public CopyOptions withProgress(CopyProgress p) {
        return new CopyOptions(all, platform, parallelism, p);
    }
}
