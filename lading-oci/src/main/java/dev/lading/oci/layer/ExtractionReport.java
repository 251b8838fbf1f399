package dev.lading.oci.layer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What applying one layer did. Paths are relative to the target, '/'-separated, as they landed on disk
 * (after symlinked parents were resolved); the target itself is "".
 *
 * @param specials        fifos and device nodes created
 * @param skipped         entries not created (device nodes without root, unknown types): see {@code warnings}
 * @param bytes           file content bytes written
 * @param ownership       intended ownership/mode of entries where the disk differs (see {@link Ownership})
 * @param unappliedXattrs xattrs the layer carried that could not be set (non-{@code user.*} namespaces
 *                        such as {@code security.capability}: Java can only set {@code user.*}; or a
 *                        filesystem without xattrs), by path, name → raw value
 * @param removed         paths this layer removed with everything under them (whiteouts, replaced entries)
 * @param opaqueDirs      directories whose lower-layer content this layer hid
 * @param written         paths this layer has entries for (not the existing directories it merely wrote into)
 */
public record ExtractionReport(
        long entries,
        long files,
        long directories,
        long symlinks,
        long hardlinks,
        long specials,
        long whiteouts,
        long skipped,
        long bytes,
        List<String> warnings,
        Map<String, Ownership> ownership,
        Map<String, Map<String, byte[]>> unappliedXattrs,
        Set<String> removed,
        Set<String> opaqueDirs,
        Set<String> written) {

    public ExtractionReport {
        warnings = List.copyOf(warnings);
        ownership = Map.copyOf(ownership);
        unappliedXattrs = Map.copyOf(unappliedXattrs);
        removed = Set.copyOf(removed);
        opaqueDirs = Set.copyOf(opaqueDirs);
        written = Set.copyOf(written);
    }

    /**
     * The ownership record of the tree after this layer, given the record of the layers below: what this
     * layer removed, hid or rewrote loses its old record, then this layer's records are added. Applying
     * the layers of an image in order and folding their reports this way gives the record of the rootfs.
     */
    public Map<String, Ownership> mergeOwnership(Map<String, Ownership> lower) {
        Map<String, Ownership> result = new TreeMap<>();
        lower.forEach((path, o) -> {
            if (!written.contains(path) && !removed.contains(path) && !hiddenByAncestor(path)) {
                result.put(path, o);
            }
        });
        result.putAll(ownership);
        return result;
    }

    /** Whether an ancestor directory of {@code path} was removed or made opaque: O(depth), not O(removed). */
    private boolean hiddenByAncestor(String path) {
        if (opaqueDirs.contains("") && !path.isEmpty()) {
            return true;
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            String ancestor = path.substring(0, slash);
            if (removed.contains(ancestor) || opaqueDirs.contains(ancestor)) {
                return true;
            }
        }
        return false;
    }

    static boolean isUnder(String path, String dir) {
        return dir.isEmpty() ? !path.isEmpty()
                : path.length() > dir.length() && path.startsWith(dir) && path.charAt(dir.length()) == '/';
    }
}
