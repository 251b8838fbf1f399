package dev.lading.build;

import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.oci.layer.EntryType;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.Owner;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Docker's COPY semantics over a directory tree (the build context, or a stage's extracted filesystem):
 * which files a source word names and where each lands. The result is the layer's entries, built straight
 * from the source files, so no root filesystem needs to be snapshotted.
 */
final class CopySources {

    /**
     * A tree to copy from.
     *
     * @param root   the directory source words are relative to
     * @param ignore the .dockerignore rules (none for a stage's filesystem)
     * @param owners the owner of a path relative to root; the context maps everything to 0:0
     * @param description what the tree is, for messages ("the build context", "stage builder")
     */
    record Tree(Path root, DockerIgnore ignore, Function<String, Owner> owners, String description, ContextPrefetch prefetch) {
        Tree(Path root, DockerIgnore ignore, Function<String, Owner> owners, String description) {
            this(root, ignore, owners, description, null);
        }
    }

    /**
     * How to copy.
     *
     * @param destination the destination as written (absolute after WORKDIR was applied); a trailing '/' makes it a directory
     * @param chown       the --chown owner, resolved to ids
     * @param chmod       the --chmod mode, applied to each copied entry (not to parents created for the destination)
     * @param inline      here-document sources: files whose content is in the Dockerfile
     * @param exclude     --exclude patterns (.dockerignore syntax), matched against paths relative to each source
     */
    record Spec(List<String> sources, String destination, Optional<Owner> chown, Optional<ChmodSpec> chmod, List<Inline> inline,
                DockerIgnore exclude) {
        Spec(List<String> sources, String destination, Optional<Owner> chown, Optional<ChmodSpec> chmod, List<Inline> inline) {
            this(sources, destination, chown, chmod, inline, DockerIgnore.none());
        }

        Spec(List<String> sources, String destination, Optional<Owner> chown, Optional<ChmodSpec> chmod) {
            this(sources, destination, chown, chmod, List.of());
        }
    }

    /** A here-document source: BuildKit makes it a 0644 file named after its delimiter. */
    record Inline(String name, byte[] content) {
    }

    /** One source word ({@code source}: its index) resolved to an existing path, with the name it keeps when copied into a directory. */
    private record Match(int source, Path path, String relative) {
    }

    private CopySources() {
    }

    static List<LayerEntry> entries(Tree tree, Spec spec) throws IOException {
        return entries(tree, spec, path -> false);
    }

    /**
     * The layer entries of a COPY. {@code existingDirectory} says which destination parents the stage already
     * has: those are left out of the layer, so the directory keeps its owner and mode (a COPY into /app must not
     * reset an /app that an earlier --chown made the user's).
     */
    static List<LayerEntry> entries(Tree tree, Spec spec, java.util.function.Predicate<String> existingDirectory) throws IOException {
        List<Match> matches = new ArrayList<>();
        boolean wildcard = false;
        for (int index = 0; index < spec.sources().size(); index++) {
            String source = spec.sources().get(index);
            String clean = clean(source);
            if (hasWildcard(clean)) {
                wildcard = true;
                List<Match> found = glob(tree, clean, index);
                if (found.isEmpty()) {
                    throw new BuildException("no source files were found for '" + source + "'");
                }
                matches.addAll(found);
            } else {
                matches.add(exact(tree, source, clean, index));
            }
        }
        boolean destIsDir = spec.destination().endsWith("/");
        if (matches.size() + spec.inline().size() > 1 && !destIsDir) {
            throw new BuildException("when copying more than one source file, the destination must be a directory and end with a '/'"
                    + (wildcard ? " (the wildcard matched " + matches.size() + " paths)" : ""));
        }
        String dest = clean(spec.destination());
        // Each source is copied on its own, as BuildKit's copy actions are: hardlinks are kept within a source.
        TreeMap<Integer, TreeMap<String, LayerEntry>> bySource = new TreeMap<>();
        for (Match m : matches) {
            TreeMap<String, LayerEntry> out = bySource.computeIfAbsent(m.source(), i -> new TreeMap<>());
            if (Files.isDirectory(m.path())) {
                // A directory's contents are copied, not the directory itself.
                if (!dest.isEmpty()) {
                    out.put(dest, directoryEntry(dest, m.path(), tree.owners().apply(m.relative()), spec));
                }
                walk(tree, m.path(), m.relative(), "", dest, spec, out);
            } else {
                String name = m.path().getFileName() == null ? "" : m.path().getFileName().toString();
                if (spec.exclude().matches(name, false)) {
                    continue;
                }
                String target = destIsDir || dest.isEmpty() ? join(dest, name) : dest;
                out.put(target, fileEntry(target, m.path(), tree.owners().apply(m.relative()), spec, true));
            }
        }
        TreeMap<String, LayerEntry> out = new TreeMap<>();
        for (TreeMap<String, LayerEntry> one : bySource.values()) {
            Hardlinks.group(one.values()).forEach(e -> out.put(e.path(), e));
        }
        for (Inline in : spec.inline()) {
            String name = clean(in.name());
            name = name.substring(name.lastIndexOf('/') + 1);
            String target = destIsDir || dest.isEmpty() ? join(dest, name) : dest;
            out.put(target, LayerEntry.file(target, spec.chmod().map(c -> c.apply(0644, false)).orElse(0644), in.content())
                    .withOwner(spec.chown().orElse(Owner.ROOT)));
        }
        addMissingParents(out, existingDirectory);
        return List.copyOf(out.values());
    }

    /** Missing parent directories of everything in {@code out}, as Docker creates them: 0755, root-owned. */
    static void addMissingParents(Map<String, LayerEntry> out, java.util.function.Predicate<String> existingDirectory) {
        for (String path : List.copyOf(out.keySet())) {
            for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
                String parent = path.substring(0, i);
                if (!out.containsKey(parent) && !existingDirectory.test(parent)) {
                    out.put(parent, LayerEntry.directory(parent, 0755));
                }
            }
        }
    }

    /** A source or destination as a layer path: no leading '/', no './', no trailing '/'; "" is the root. */
    static String clean(String word) {
        List<String> parts = new ArrayList<>();
        for (String p : word.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                // Docker clamps ".." at the root of the context: it can never leave it.
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(p);
        }
        return String.join("/", parts);
    }

    static String join(String dir, String name) {
        return dir.isEmpty() ? name : name.isEmpty() ? dir : dir + "/" + name;
    }

    static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    private static Match exact(Tree tree, String source, String clean, int index) throws IOException {
        Path p = clean.isEmpty() ? tree.root() : tree.root().resolve(clean);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new BuildException("'" + source + "' not found in " + describe(tree));
        }
        if (!clean.isEmpty() && tree.ignore().matches(clean, Files.isDirectory(p))) {
            throw new BuildException("'" + source + "' is excluded by .dockerignore");
        }
        if (!p.toRealPath().startsWith(tree.root().toRealPath())) {
            throw new BuildException("'" + source + "' is a symlink that points outside " + describe(tree));
        }
        // The path as named, not its target: a copied symlink keeps its own name (Docker follows it for content).
        return new Match(index, p, clean);
    }

    private static String describe(Tree tree) {
        return tree.description();
    }

    /** Go's filepath.Match, as Docker uses it: '*' and '?' never cross a '/'. Paths are matched whole. */
    private static List<Match> glob(Tree tree, String pattern, int index) throws IOException {
        Pattern regex = Pattern.compile(globToRegex(pattern));
        int depth = pattern.split("/").length;
        List<Match> found = new ArrayList<>();
        collect(tree, tree.root(), "", depth, regex, index, found);
        return found;
    }

    private static void collect(Tree tree, Path dir, String rel, int depthLeft, Pattern regex, int index, List<Match> found) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(children::add);
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path c : children) {
            String r = join(rel, c.getFileName().toString());
            boolean isDir = Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS);
            if (depthLeft == 1) {
                if (regex.matcher(r).matches() && !tree.ignore().matches(r, isDir)) {
                    found.add(new Match(index, c, r));
                }
            } else if (isDir) {
                collect(tree, c, r, depthLeft - 1, regex, index, found);
            }
        }
    }

    static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> sb.append("[^/]*");
                case '?' -> sb.append("[^/]");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        sb.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new BuildException("bad wildcard pattern '" + glob + "': unterminated '['");
                    }
                    String body = glob.substring(i + 1, end);
                    if (body.startsWith("^")) {
                        body = "^" + body.substring(1).replace("[", "\\[");
                    } else {
                        body = body.replace("[", "\\[");
                    }
                    sb.append('[').append(body).append(']');
                    i = end;
                }
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }

    /** {@code rel}: the path in the tree (for .dockerignore); {@code srcRel}: the path below the source (for --exclude). */
    static void walk(Tree tree, Path dir, String rel, String srcRel, String dest, Spec spec, Map<String, LayerEntry> out) throws IOException {
        List<Listed> children = tree.prefetch() == null ? null : tree.prefetch().take(dir);
        if (children == null) {
            children = list(dir);
        }
        for (Listed l : children) {
            String name = l.name();
            Path c = dir.resolve(name);
            String r = join(rel, name);
            String sr = join(srcRel, name);
            String target = join(dest, name);
            Map<String, Object> attrs = l.attrs();
            int fileType = l.fileType();
            boolean isDir = fileType == S_IFDIR;
            if (spec.exclude().matches(sr, isDir) && (!isDir || spec.exclude().canSkipDirectory(sr))) {
                continue;
            }
            boolean ignored = tree.ignore().matches(r, isDir) || spec.exclude().matches(sr, isDir);
            if (isDir) {
                if (ignored && tree.ignore().canSkipDirectory(r)) {
                    continue;
                }
                int before = out.size();
                walk(tree, c, r, sr, target, spec, out);
                // An ignored directory that still has re-included content appears as their parent.
                if (!ignored || out.size() > before) {
                    int own = (Integer) attrs.get("mode") & 07777;
                    int mode = spec.chmod().map(ch -> ch.apply(own, true)).orElse(own);
                    out.put(target, LayerEntry.directory(target, mode).withOwner(spec.chown().orElse(tree.owners().apply(r))));
                }
            } else if (!ignored) {
                out.put(target, walkedEntry(target, c, attrs, fileType, tree.owners().apply(r), spec));
            }
        }
    }

    /** A directory entry as the walk reads it: its name and its lstat attributes ({@link #WALK_ATTRIBUTES}). */
    record Listed(String name, Map<String, Object> attrs) {
        int fileType() {
            return (Integer) attrs.get("mode") & S_IFMT;
        }

        boolean isDirectory() {
            return fileType() == S_IFDIR;
        }
    }

    /**
     * The entries of {@code dir} in name order, each with one lstat: type, mode and size for the layer, the rest
     * for the context hash memory. Symlinks are not followed.
     */
    static List<Listed> list(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(children::add);
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        List<Listed> out = new ArrayList<>(children.size());
        for (Path c : children) {
            out.add(new Listed(c.getFileName().toString(), Files.readAttributes(c, WALK_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS)));
        }
        return out;
    }

    /**
     * What the walk asks lstat for. The file's type comes from the mode's type bits (POSIX {@code S_IFMT}): every
     * attribute named costs the JDK's attribute map work per file, and the walk does this once per context file.
     */
    private static final String WALK_ATTRIBUTES = ContentHashes.STAT_ATTRIBUTES + ",mode,nlink";
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    /** A non-directory met by the walk (symlinks are not followed), from its lstat attributes. */
    private static LayerEntry walkedEntry(String target, Path file, Map<String, Object> attrs, int fileType, Owner owner, Spec spec)
            throws IOException {
        Owner o = spec.chown().orElse(owner);
        if (fileType == S_IFLNK) {
            return LayerEntry.symlink(target, Files.readSymbolicLink(file).toString()).withOwner(o);
        }
        if (fileType != S_IFREG) {
            throw new BuildException("'" + file + "' is neither a regular file, a directory nor a symlink; it cannot be copied");
        }
        long size = (Long) attrs.get("size");
        int own = (Integer) attrs.get("mode") & 07777;
        int mode = spec.chmod().map(c -> c.apply(own, false)).orElse(own);
        // the inode only matters when the file has other links (Hardlinks)
        Object inode = ((Number) attrs.get("nlink")).intValue() > 1 ? List.of(attrs.get("dev"), attrs.get("ino")) : null;
        return new LayerEntry(target, EntryType.FILE, mode, o.uid(), o.gid(), null, size,
                new FileContent(file, ContentHashes.stat(attrs), inode), null, 0, 0);
    }

    static LayerEntry directoryEntry(String target, Path dir, Owner owner, Spec spec) throws IOException {
        int own = mode(dir);
        int mode = spec.chmod().map(c -> c.apply(own, true)).orElse(own);
        return LayerEntry.directory(target, mode).withOwner(spec.chown().orElse(owner));
    }

    static LayerEntry fileEntry(String target, Path file, Owner owner, Spec spec, boolean followLink) throws IOException {
        Owner o = spec.chown().orElse(owner);
        if (!followLink && Files.isSymbolicLink(file)) {
            return LayerEntry.symlink(target, Files.readSymbolicLink(file).toString()).withOwner(o);
        }
        // One stat for type, size, mode and links (the inode only matters when the file has other links).
        Map<String, Object> a = Files.readAttributes(file, "unix:isRegularFile,size,mode,nlink,dev,ino");
        if (!(Boolean) a.get("isRegularFile")) {
            throw new BuildException("'" + file + "' is neither a regular file, a directory nor a symlink; it cannot be copied");
        }
        long size = (Long) a.get("size");
        int own = ((Integer) a.get("mode")) & 07777;
        int mode = spec.chmod().map(c -> c.apply(own, false)).orElse(own);
        Object inode = ((Number) a.get("nlink")).intValue() > 1 ? List.of(a.get("dev"), a.get("ino")) : null;
        return new LayerEntry(target, EntryType.FILE, mode, o.uid(), o.gid(), null, size,
                new FileContent(file, null, inode), null, 0, 0);
    }

    private static int mode(Path p) throws IOException {
        return ((Integer) Files.getAttribute(p, "unix:mode")) & 07777;
    }
}
