package dev.lading.build;

import dev.lading.oci.layer.EntryType;
import dev.lading.oci.layer.LayerEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Files one COPY or ADD source takes from the same inode (hardlinks in the build context, or in a stage's extracted
 * tree) stay one file in the layer: the first path in the layer's byte order is the file, the others hardlink
 * entries that name it, as BuildKit's copy (fsutil) and buildah write them. The image then holds the content once
 * and the links survive into the container. Separate sources of one instruction are separate copies there, so
 * callers group each source's entries on their own.
 */
final class Hardlinks {

    private Hardlinks() {
    }

    /** {@code entries} with every later path of a shared inode turned into a hardlink to the first. */
    static List<LayerEntry> group(Collection<LayerEntry> entries) {
        List<LayerEntry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.path().getBytes(StandardCharsets.UTF_8), b.path().getBytes(StandardCharsets.UTF_8)));
        Map<Object, String> first = new HashMap<>();
        List<LayerEntry> out = new ArrayList<>(sorted.size());
        for (LayerEntry e : sorted) {
            Object key = e.type() == EntryType.FILE && e.content() instanceof FileContent f ? f.inode() : null;
            if (key == null) {
                out.add(e);
                continue;
            }
            String target = first.putIfAbsent(key, e.path());
            out.add(target == null ? e : new LayerEntry(e.path(), EntryType.HARDLINK, e.mode(), e.uid(), e.gid(), target, 0, null,
                    e.xattrs(), 0, 0));
        }
        return out;
    }
}
