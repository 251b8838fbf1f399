package dev.lading.build;

import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.dockerfile.ignore.DockerIgnoreException;
import dev.lading.oci.layer.LayerEntry;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code COPY --parents}: each source keeps its parent directories below the tree's root, or below a pivot the
 * source marks with {@code /./} ({@code ./a/./b/c.txt} lands as {@code b/c.txt}). As in BuildKit's dockerfile2llb,
 * a source becomes an include pattern (.dockerignore syntax: {@code *} stays within a name, {@code **} spans
 * directories) over the pivot directory, whose contents are copied into the destination: a matched directory
 * comes with everything in it, and the directories on the way to a match come with their own metadata.
 *
 * <p>Unlike BuildKit (moby/buildkit#4900, open) a source that matches nothing is an error, as it is without
 * {@code --parents}.
 */
final class ParentsPaths {

    private ParentsPaths() {
    }

    static List<LayerEntry> entries(CopySources.Tree tree, CopySources.Spec spec, Predicate<String> existingDirectory) throws IOException {
        String dest = CopySources.clean(spec.destination());
        TreeMap<String, LayerEntry> out = new TreeMap<>();
        for (String source : spec.sources()) {
            int cut = source.indexOf("/./");
            String pivot = CopySources.clean(cut < 0 ? "" : source.substring(0, cut));
            String pattern = CopySources.clean(cut < 0 ? source : source.substring(cut + 3));
            Path pivotDir = pivot.isEmpty() ? tree.root() : tree.root().resolve(pivot);
            if (!Files.isDirectory(pivotDir) || (!pivot.isEmpty() && tree.ignore().matches(pivot, true))) {
                throw new BuildException("'" + source + "': the directory before '/./', '" + pivot + "', is not in " + tree.description());
            }
            if (!pivotDir.toRealPath().startsWith(tree.root().toRealPath())) {
                throw new BuildException("'" + source + "' is a symlink that points outside " + tree.description());
            }
            Map<String, LayerEntry> found = new TreeMap<>();
            if (pattern.isEmpty()) {
                CopySources.walk(tree, pivotDir, pivot, "", dest, spec, found);
            } else {
                Include include = new Include(pattern);
                collect(tree, pivotDir, pivot, "", include, dest, spec, found);
                if (found.isEmpty()) {
                    throw new BuildException(CopySources.hasWildcard(pattern)
                            ? "no source files were found for '" + source + "'"
                            : "'" + source + "' not found in " + tree.description());
                }
                addAncestors(tree, pivotDir, pivot, dest, spec, found);
            }
            if (!dest.isEmpty()) {
                // The pivot's contents are copied into the destination, which takes the pivot's metadata.
                found.put(dest, CopySources.directoryEntry(dest, pivotDir, tree.owners().apply(pivot), spec));
            }
            // Hardlinks are kept within a source, as in BuildKit's one copy action per source.
            Hardlinks.group(found.values()).forEach(e -> out.put(e.path(), e));
        }
        if (!spec.inline().isEmpty()) {
            String into = spec.destination().endsWith("/") ? spec.destination() : spec.destination() + "/";
            for (LayerEntry e : CopySources.entries(tree, new CopySources.Spec(List.of(), into, spec.chown(), spec.chmod(),
                    spec.inline(), spec.exclude()), existingDirectory)) {
                out.putIfAbsent(e.path(), e);
            }
        }
        CopySources.addMissingParents(out, existingDirectory);
        return List.copyOf(out.values());
    }

    /**
     * Walks {@code dir} (at {@code rel} below the pivot) for paths the include pattern names: a match is copied
     * whole, a directory that could hold a match is entered.
     */
    private static void collect(CopySources.Tree tree, Path dir, String treeRel, String rel, Include include, String dest,
                                CopySources.Spec spec, Map<String, LayerEntry> out) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(children::add);
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path c : children) {
            String name = c.getFileName().toString();
            String r = CopySources.join(rel, name);
            String tr = CopySources.join(treeRel, name);
            String target = CopySources.join(dest, r);
            boolean isDir = Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS);
            boolean ignored = tree.ignore().matches(tr, isDir) || spec.exclude().matches(r, isDir);
            if (include.matches(r, isDir)) {
                if (isDir) {
                    if (ignored && tree.ignore().canSkipDirectory(tr)) {
                        continue;
                    }
                    int before = out.size();
                    CopySources.walk(tree, c, tr, r, target, spec, out);
                    if (!ignored || out.size() > before) {
                        out.put(target, CopySources.directoryEntry(target, c, tree.owners().apply(tr), spec));
                    }
                } else if (!ignored) {
                    out.put(target, CopySources.fileEntry(target, c, tree.owners().apply(tr), spec, false));
                }
            } else if (isDir && include.mayMatchBelow(r) && !(ignored && tree.ignore().canSkipDirectory(tr))) {
                collect(tree, c, tr, r, include, dest, spec, out);
            }
        }
    }

    /** The directories between the pivot and each match, with the source directories' own metadata. */
    private static void addAncestors(CopySources.Tree tree, Path pivotDir, String pivot, String dest, CopySources.Spec spec,
                                     Map<String, LayerEntry> found) throws IOException {
        String prefix = dest.isEmpty() ? "" : dest + "/";
        for (String path : List.copyOf(found.keySet())) {
            String rel = path.substring(prefix.length());
            for (int i = rel.indexOf('/'); i > 0; i = rel.indexOf('/', i + 1)) {
                String ancestor = rel.substring(0, i);
                String target = prefix + ancestor;
                if (!found.containsKey(target)) {
                    found.put(target, CopySources.directoryEntry(target, pivotDir.resolve(ancestor),
                            tree.owners().apply(CopySources.join(pivot, ancestor)), spec));
                }
            }
        }
    }

    /** One source as BuildKit's include pattern: a path matches when it or one of its parents matches. */
    private static final class Include {
        private final DockerIgnore matcher;
        private final String[] parts;

        Include(String pattern) {
            try {
                this.matcher = DockerIgnore.parse("--parents", pattern);
            } catch (DockerIgnoreException e) {
                throw new BuildException("bad source pattern '" + pattern + "': " + e.getMessage());
            }
            this.parts = pattern.split("/");
        }

        boolean matches(String rel, boolean isDir) {
            return matcher.matches(rel, isDir);
        }

        /** Whether something below directory {@code rel} could match: its names fit the pattern's first components. */
        boolean mayMatchBelow(String rel) {
            String[] dirs = rel.split("/");
            for (int i = 0; i < dirs.length; i++) {
                if (i >= parts.length || parts[i].contains("**")) {
                    return true;
                }
                if (!Pattern.compile(CopySources.globToRegex(parts[i])).matcher(dirs[i]).matches()) {
                    return false;
                }
            }
            return true;
        }
    }
}
