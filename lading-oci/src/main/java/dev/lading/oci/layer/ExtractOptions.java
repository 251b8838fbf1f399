package dev.lading.oci.layer;

import java.util.Objects;

/**
 * Limits and policies for {@link LayerExtractor}.
 *
 * <p>The limits exist because a layer is untrusted input: a 20-byte gzip stream can declare a terabyte file.
 * {@code maxEntrySize} bounds the size one entry may declare, {@code maxTotalBytes} the file bytes written
 * over the whole layer, {@code maxEntries} the number of tar entries.
 *
 * @param ownership     whether to chown ({@link OwnershipMode#AUTO} does when running as root)
 * @param symlinkParents what to do when an entry's parent path crosses a symlink that is already in the target
 * @param filePool      null, or where files are taken from and remembered for (see {@link #withFilePool})
 */
public record ExtractOptions(long maxEntrySize, long maxTotalBytes, long maxEntries, OwnershipMode ownership,
                             SymlinkParents symlinkParents, FilePool filePool) {

    /** Chown to the tar's numeric ids, or only record them in the report. */
    public enum OwnershipMode {
        /** Chown when the process runs as uid 0, record otherwise. */
        AUTO,
        /** Chown (lchown for symlinks); ids the system refuses (e.g. unmapped in a user namespace) are recorded. */
        CHOWN,
        /** Never chown; record every entry whose ids differ from the current user's. */
        RECORD
    }

    /**
     * How a parent path that crosses a symlink is resolved, e.g. {@code lib/x.so} where a lower layer made
     * {@code lib -> usr/lib}. Either way no symlink is ever followed by the operating system.
     */
    public enum SymlinkParents {
        /**
         * Resolve the link inside the target as if the target were the root (absolute links start at the
         * target, ".." stops at it), as Docker does; so {@code evil -> /etc} then {@code evil/passwd} writes
         * {@code TARGET/etc/passwd}, never {@code /etc/passwd}.
         */
        RESOLVE_IN_ROOT,
        /** Refuse the entry with an error. */
        REFUSE
    }

    public ExtractOptions {
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(symlinkParents, "symlinkParents");
        if (maxEntrySize < 0 || maxTotalBytes < 0 || maxEntries < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    public ExtractOptions(long maxEntrySize, long maxTotalBytes, long maxEntries, OwnershipMode ownership,
                          SymlinkParents symlinkParents) {
        this(maxEntrySize, maxTotalBytes, maxEntries, ownership, symlinkParents, null);
    }

    /** 16 GiB per entry, 256 GiB per layer, 10 million entries; chown when root; symlinked parents resolved in the root. */
    public static ExtractOptions defaults() {
        return new ExtractOptions(16L << 30, 256L << 30, 10_000_000, OwnershipMode.AUTO, SymlinkParents.RESOLVE_IN_ROOT);
    }

    public ExtractOptions withMaxEntrySize(long bytes) {
        return new ExtractOptions(bytes, maxTotalBytes, maxEntries, ownership, symlinkParents, filePool);
    }

    public ExtractOptions withMaxTotalBytes(long bytes) {
        return new ExtractOptions(maxEntrySize, bytes, maxEntries, ownership, symlinkParents, filePool);
    }

    public ExtractOptions withMaxEntries(long count) {
        return new ExtractOptions(maxEntrySize, maxTotalBytes, count, ownership, symlinkParents, filePool);
    }

    public ExtractOptions withOwnership(OwnershipMode mode) {
        return new ExtractOptions(maxEntrySize, maxTotalBytes, maxEntries, mode, symlinkParents, filePool);
    }

    public ExtractOptions withSymlinkParents(SymlinkParents policy) {
        return new ExtractOptions(maxEntrySize, maxTotalBytes, maxEntries, ownership, policy, filePool);
    }

    /**
     * Regular files (up to {@link LayerExtractor#MAX_POOLED_SIZE} bytes, not empty, not setuid or setgid, without
     * xattrs) are taken from
     * {@code pool} when it has one with the same content and metadata, instead of being written, and remembered so
     * that {@link FilePool#giveBack()} can return them when the target is deleted. The target looks exactly as
     * without a pool.
     */
    public ExtractOptions withFilePool(FilePool pool) {
        return new ExtractOptions(maxEntrySize, maxTotalBytes, maxEntries, ownership, symlinkParents, pool);
    }
}
