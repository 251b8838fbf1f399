package dev.lading.oci.layer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of a layer as the {@link LayerWriter} will write it.
 *
 * <p>{@code path} is the canonical layer path: relative, '/'-separated, no leading "/" or "./", no "." or ".."
 * components and no trailing '/' (the writer adds the '/' for directories). The constructor refuses anything
 * else, so a layer the writer produces can never name a path outside its root.
 *
 * <p>{@code mode} holds permission bits only (07777, including setuid/setgid/sticky); the file type is
 * {@code type}. {@code linkTarget} is the symlink text for symlinks (any text: it is data) and the canonical
 * layer path of the target for hardlinks. {@code content} is required for files with {@code size > 0}.
 * {@code xattrs} are written as PAX {@code SCHILY.xattr.*} records and are kept sorted by name so the
 * output is reproducible; values are raw bytes because capabilities ({@code security.capability}) are binary.
 *
 * <p>Equality compares {@code content} and the xattr value arrays by identity; compare entries by their
 * fields if you need value semantics.
 */
public record LayerEntry(
        String path,
        EntryType type,
        int mode,
        long uid,
        long gid,
        String linkTarget,
        long size,
        ContentSource content,
        Map<String, byte[]> xattrs,
        int devMajor,
        int devMinor) {

    /** Whiteout prefix of the OCI image spec: {@code dir/.wh.NAME} deletes NAME of lower layers. */
    public static final String WHITEOUT_PREFIX = ".wh.";
    /** Opaque-directory marker of the OCI image spec. */
    public static final String OPAQUE_WHITEOUT = ".wh..wh..opq";

    public LayerEntry {
        Objects.requireNonNull(type, "entry type");
        checkPath(path, "path");
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("entry '" + path + "': mode " + Integer.toOctalString(mode)
                    + " has bits outside 07777 (the file type belongs in the entry type)");
        }
        if (uid < 0 || gid < 0 || uid > Owner.MAX_ID || gid > Owner.MAX_ID) {
            throw new IllegalArgumentException("entry '" + path + "': uid/gid " + uid + ":" + gid + " outside 0.." + Owner.MAX_ID);
        }
        if (size < 0) {
            throw new IllegalArgumentException("entry '" + path + "': negative size " + size);
        }
        if (type != EntryType.FILE && size != 0) {
            throw new IllegalArgumentException("entry '" + path + "': only files have content, but a " + type + " has size " + size);
        }
        if (type == EntryType.FILE && size > 0 && content == null) {
            throw new IllegalArgumentException("entry '" + path + "': a file of " + size + " bytes needs a content source");
        }
        switch (type) {
            case SYMLINK -> {
                if (linkTarget == null || linkTarget.isEmpty() || linkTarget.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("symlink '" + path + "' needs a non-empty target without NUL bytes");
                }
            }
            case HARDLINK -> checkPath(linkTarget, "hardlink target of '" + path + "'");
            default -> {
                if (linkTarget != null) {
                    throw new IllegalArgumentException("entry '" + path + "': a " + type + " has no link target");
                }
            }
        }
        if (devMajor < 0 || devMinor < 0 || (!type.isDevice() && (devMajor != 0 || devMinor != 0))) {
            throw new IllegalArgumentException("entry '" + path + "': device numbers " + devMajor + "," + devMinor
                    + " are only valid for device entries");
        }
        TreeMap<String, byte[]> copy = new TreeMap<>();
        if (xattrs != null) {
            xattrs.forEach((k, v) -> {
                if (k == null || k.isEmpty() || k.indexOf('=') >= 0 || k.indexOf('\0') >= 0 || v == null) {
                    throw new IllegalArgumentException("entry '" + path + "': invalid xattr '" + k + "'");
                }
                copy.put(k, v.clone());
            });
        }
        xattrs = Collections.unmodifiableMap(copy);
    }

    /** The xattr values, copied: the record never hands out its own arrays. */
    @Override
    public Map<String, byte[]> xattrs() {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        xattrs.forEach((k, v) -> copy.put(k, v.clone()));
        return Collections.unmodifiableMap(copy);
    }

    public static LayerEntry directory(String path, int mode) {
        return new LayerEntry(path, EntryType.DIRECTORY, mode, 0, 0, null, 0, null, null, 0, 0);
    }

    public static LayerEntry file(String path, int mode, long size, ContentSource content) {
        return new LayerEntry(path, EntryType.FILE, mode, 0, 0, null, size, content, null, 0, 0);
    }

    /** A file whose (small) content is given in memory; meant for tests and generated files such as configs. */
    public static LayerEntry file(String path, int mode, byte[] content) {
        byte[] copy = content.clone();
        return file(path, mode, copy.length, () -> new ByteArrayInputStream(copy));
    }

    public static LayerEntry file(String path, int mode, String content) {
        return file(path, mode, content.getBytes(StandardCharsets.UTF_8));
    }

    public static LayerEntry symlink(String path, String target) {
        return new LayerEntry(path, EntryType.SYMLINK, 0777, 0, 0, target, 0, null, null, 0, 0);
    }

    public static LayerEntry hardlink(String path, String target) {
        return new LayerEntry(path, EntryType.HARDLINK, 0644, 0, 0, target, 0, null, null, 0, 0);
    }

    public static LayerEntry device(String path, EntryType type, int mode, int major, int minor) {
        if (!type.isDevice()) {
            throw new IllegalArgumentException(type + " is not a device type");
        }
        return new LayerEntry(path, type, mode, 0, 0, null, 0, null, null, major, minor);
    }

    public static LayerEntry fifo(String path, int mode) {
        return new LayerEntry(path, EntryType.FIFO, mode, 0, 0, null, 0, null, null, 0, 0);
    }

    /** A whiteout that deletes {@code path} from lower layers. */
    public static LayerEntry whiteout(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        if (name.startsWith(WHITEOUT_PREFIX)) {
            throw new IllegalArgumentException("cannot white out a whiteout: '" + path + "'");
        }
        return file(path.substring(0, slash + 1) + WHITEOUT_PREFIX + name, 0, 0, null);
    }

    /** The marker that hides everything lower layers put in {@code directory} (empty: the layer root). */
    public static LayerEntry opaque(String directory) {
        return file(directory.isEmpty() ? OPAQUE_WHITEOUT : directory + "/" + OPAQUE_WHITEOUT, 0, 0, null);
    }

    public LayerEntry withOwner(long newUid, long newGid) {
        return new LayerEntry(path, type, mode, newUid, newGid, linkTarget, size, content, xattrs, devMajor, devMinor);
    }

    public LayerEntry withOwner(Owner owner) {
        return withOwner(owner.uid(), owner.gid());
    }

    public LayerEntry withMode(int newMode) {
        return new LayerEntry(path, type, newMode, uid, gid, linkTarget, size, content, xattrs, devMajor, devMinor);
    }

    public LayerEntry withXattrs(Map<String, byte[]> newXattrs) {
        return new LayerEntry(path, type, mode, uid, gid, linkTarget, size, content, newXattrs, devMajor, devMinor);
    }

    /** The name as it appears in the tar: directories end with '/'. */
    public String tarName() {
        return type == EntryType.DIRECTORY ? path + "/" : path;
    }

    static void checkPath(String p, String what) {
        if (p == null || p.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (p.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " contains a NUL byte: '" + p + "'");
        }
        if (p.startsWith("/") || p.endsWith("/")) {
            throw new IllegalArgumentException(what + " '" + p + "' must be relative and must not end with '/'");
        }
        for (String component : p.split("/", -1)) {
            if (component.isEmpty() || component.equals(".") || component.equals("..")) {
                throw new IllegalArgumentException(what + " '" + p + "' has an empty, '.' or '..' component");
            }
        }
    }
}
