package dev.lading.build;

import dev.lading.oci.layer.EntryType;
import dev.lading.oci.layer.LayerEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Files one COPY or ADD takes from the same inode (hardlinks in the build context, or in a stage's extracted
 * tree) stay one file in the layer: the first path in the layer's byte order is the file, the others hardlink
 * entries that name it, as BuildKit's copy (fsutil) and buildah write them. The image then holds the content once
 * and the links survive into the container.
 */
final class Hardlinks {

    private Hardlinks() {
    }

    /** {@code entries} with every later path of a shared inode turned into a hardlink to the first. */
    static List<LayerEntry> group(Collection<LayerEntry> entries) throws IOException {
        List<LayerEntry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.path().getBytes(StandardCharsets.UTF_8), b.path().getBytes(StandardCharsets.UTF_8)));
        Map<Object, String> first = new HashMap<>();
        List<LayerEntry> out = new ArrayList<>(sorted.size());
        for (LayerEntry e : sorted) {
            Object key = e.type() == EntryType.FILE && e.content() instanceof FileContent f ? inode(f.path()) : null;
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

    /** The file's device and inode when it has other links, else null: a file with one link needs no lookup later. */
    private static Object inode(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:nlink,dev,ino");
        if (((Number) a.get("nlink")).intValue() < 2) {
            return null;
        }
        return List.of(a.get("dev"), a.get("ino"));
    }
}
