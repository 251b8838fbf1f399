package dev.lading.build.snapshot;

import dev.lading.build.IdMapping;
import dev.lading.oci.layer.EntryType;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.Ownership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What one RUN did to the rootfs, as either snapshotter found it: paths put (new or changed, and the ancestor
 * directories of every change) with their state after the RUN and, if the path existed before, its state
 * before; and deleted paths. Turning that into layer entries and the next ownership record happens here, once,
 * so the two snapshotters cannot drift apart on the rules.
 */
final class ChangeSet {

    /**
     * @param source where the object is now (symlink text and xattrs are read from it while building entries)
     * @param before the object at the same path before the RUN, or null
     */
    record Put(String path, Path source, FileMeta after, FileMeta before) {
    }

    /** Byte order of the UTF-8 path, as the layer writer sorts; a parent sorts before its children. */
    static final Comparator<String> BY_PATH_BYTES = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final Map<String, Put> puts = new HashMap<>();
    private final Set<String> deletes = new HashSet<>();
    /** Filled by {@link #entries}: the records the put paths need after this change (absent: none needed). */
    private final Map<String, Ownership> putRecords = new HashMap<>();

    void put(String path, Path source, FileMeta after, FileMeta before) {
        if (deletes.contains(path)) {
            throw new IllegalStateException("'" + path + "' is both changed and deleted");
        }
        puts.putIfAbsent(path, new Put(path, source, after, before));
    }

    void delete(String path) {
        if (puts.containsKey(path)) {
            throw new IllegalStateException("'" + path + "' is both changed and deleted");
        }
        deletes.add(path);
    }

    boolean isPut(String path) {
        return puts.containsKey(path);
    }

    /**
     * The layer entries, sorted as the writer writes them. File content is read from {@code rootfs} when the
     * entry is written, so the caller must have brought the rootfs to its new state by then.
     *
     * @throws IOException if a put path cannot be represented (an id the mapping cannot map, a name the layer
     *                     format reserves) or cannot be read
     */
    List<LayerEntry> entries(Path rootfs, Map<String, Ownership> owners, IdMapping mapping) throws IOException {
        List<String> paths = new ArrayList<>(puts.keySet());
        paths.sort(BY_PATH_BYTES);
        List<LayerEntry> entries = new ArrayList<>(paths.size() + deletes.size());
        Map<List<Long>, String> firstPathOfInode = new HashMap<>();
        for (String path : paths) {
            Put p = puts.get(path);
            FileMeta a = p.after();
            if (a.isSocket()) {
                continue; // tar cannot hold a socket; Docker and BuildKit drop them too
            }
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (name.startsWith(LayerEntry.WHITEOUT_PREFIX)) {
                throw new IOException("the RUN created '/" + path + "', whose name starts with '"
                        + LayerEntry.WHITEOUT_PREFIX + "': a layer cannot hold it, because that prefix marks deletions");
            }
            Ownership own = ownership(p, owners, mapping);
            Ownership disk = diskView(a, mapping);
            if (!own.equals(disk)) {
                putRecords.put(path, own);
            }
            LayerEntry e = switch (a.type()) {
                case FileMeta.S_IFDIR -> new LayerEntry(path, EntryType.DIRECTORY, own.mode(), own.uid(), own.gid(), null, 0,
                        null, Xattrs.user(p.source()), 0, 0);
                case FileMeta.S_IFREG -> {
                    String first = a.nlink() > 1 ? firstPathOfInode.putIfAbsent(List.of(a.dev(), a.ino()), path) : null;
                    if (first != null) {
                        yield new LayerEntry(path, EntryType.HARDLINK, own.mode(), own.uid(), own.gid(), first, 0, null, null, 0, 0);
                    }
                    Path file = rootfs.resolve(path);
                    yield new LayerEntry(path, EntryType.FILE, own.mode(), own.uid(), own.gid(), null, a.size(),
                            a.size() == 0 ? null : () -> FileOps.openForReading(file),
                            Xattrs.user(p.source()), 0, 0);
                }
                case FileMeta.S_IFLNK -> new LayerEntry(path, EntryType.SYMLINK, own.mode(), own.uid(), own.gid(),
                        Files.readSymbolicLink(p.source()).toString(), 0, null, null, 0, 0);
                case FileMeta.S_IFCHR, FileMeta.S_IFBLK -> new LayerEntry(path,
                        a.type() == FileMeta.S_IFCHR ? EntryType.CHAR_DEVICE : EntryType.BLOCK_DEVICE,
                        own.mode(), own.uid(), own.gid(), null, 0, null, null, a.devMajor(), a.devMinor());
                case FileMeta.S_IFIFO -> new LayerEntry(path, EntryType.FIFO, own.mode(), own.uid(), own.gid(), null, 0,
                        null, null, 0, 0);
                default -> throw new IOException("'/" + path + "' has an unknown file type " + Integer.toOctalString(a.type()));
            };
            entries.add(e);
        }
        for (String path : deletes) {
            entries.add(LayerEntry.whiteout(path));
        }
        entries.sort((x, y) -> BY_PATH_BYTES.compare(x.path(), y.path()));
        return entries;
    }

    /**
     * The ownership record after the change. Records of put paths are replaced by what {@link #entries} found;
     * records under a changed or deleted path survive only if {@code stillThere} says the path exists (then it
     * is an untouched lower object, e.g. a sibling in a merged directory); all others are untouched and kept.
     */
    Map<String, Ownership> owners(Map<String, Ownership> before, Predicate<String> stillThere) {
        Map<String, Ownership> result = new TreeMap<>();
        before.forEach((path, o) -> {
            if (!puts.containsKey(path) && (!touched(path) || stillThere.test(path))) {
                result.put(path, o);
            }
        });
        result.putAll(putRecords);
        return result;
    }

    private boolean touched(String path) {
        if (deletes.contains(path)) {
            return true;
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            String ancestor = path.substring(0, slash);
            if (deletes.contains(ancestor) || puts.containsKey(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whose the object is in the image. Rootless, the disk cannot tell (everything belongs to the user), so a
     * path the extraction recorded keeps its recorded owner as long as the RUN did not chown it, and its
     * recorded mode unless the RUN changed the mode on disk. The comparison is by path, not inode, on purpose:
     * {@code sed -i /etc/shadow} replaces the file but means to keep its owner, and an unprivileged sandbox
     * cannot chown to the recorded group to say so.
     */
    private static Ownership ownership(Put p, Map<String, Ownership> owners, IdMapping mapping) throws IOException {
        FileMeta a = p.after();
        FileMeta b = p.before();
        Ownership recorded = owners.get(p.path());
        if (recorded != null && b != null && b.type() == a.type() && b.uid() == a.uid() && b.gid() == a.gid()) {
            return new Ownership(recorded.uid(), recorded.gid(), a.perm() != b.perm() ? a.perm() : recorded.mode());
        }
        return new Ownership(toContainer(p.path(), a.uid(), "uid", mapping), toContainer(p.path(), a.gid(), "gid", mapping), a.perm());
    }

    /** What the disk says through the mapping, without failing: -1 for an id the mapping does not cover. */
    private static Ownership diskView(FileMeta a, IdMapping mapping) {
        return new Ownership(mapping.toContainer(a.uid()).orElse(-1), mapping.toContainer(a.gid()).orElse(-1), a.perm());
    }

    private static long toContainer(String path, long hostId, String what, IdMapping mapping) throws IOException {
        OptionalLong id = mapping.toContainer(hostId);
        if (id.isEmpty()) {
            throw new IOException("after the RUN, '/" + path + "' is owned by host " + what + " " + hostId
                    + ", which the sandbox's id mapping " + describe(mapping) + " does not map into the container;"
                    + " the RUN must leave it owned by an id inside the mapping (or build as root)");
        }
        return id.getAsLong();
    }

    private static String describe(IdMapping mapping) {
        StringBuilder b = new StringBuilder("[");
        for (IdMapping.Range r : mapping.ranges()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append("container ").append(r.inside()).append("..").append(r.inside() + r.count() - 1)
                    .append(" = host ").append(r.outside()).append("..").append(r.outside() + r.count() - 1);
        }
        return b.append(']').toString();
    }
}
