package dev.lading.oci.archive;

import dev.lading.oci.FileTrees;
import dev.lading.oci.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lading.oci.Digest;
import dev.lading.oci.Index;
import dev.lading.oci.Json;
import dev.lading.oci.OciException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The oci-archive transport: a tar of an OCI image layout directory. lading reads and writes the layout itself
 * ({@code dev.lading.oci.layout}); this class only moves between the tar and the directory, safely:
 * extraction accepts nothing but the layout's shape ({@code oci-layout}, {@code index.json},
 * {@code blobs/<alg>/<encoded>}, as regular files and directories), so a hostile archive cannot write outside
 * the target, plant links, or smuggle other files in; packing writes a reproducible tar.
 */
public final class OciArchive {

    static final String OCI_LAYOUT = "oci-layout";
    static final String INDEX_JSON = "index.json";
    static final String BLOBS = "blobs";
    /** The image spec's grammar for a digest's algorithm and encoded parts. */
    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
    private static final Pattern ENCODED = Pattern.compile("[a-zA-Z0-9=_-]+");
    private static final Pattern BLOB = Pattern.compile("blobs/([^/]+)/([^/]+)");
    private static final long MAX_JSON = 16L * 1024 * 1024;

    private OciArchive() {
    }

    /**
     * Extracts {@code tarFile} (a plain or gzip-compressed tar) into {@code targetDir}, which must not exist or be
     * an empty directory. Everything is first written to a hidden sibling directory and renamed into place at the
     * end, so on failure {@code targetDir} is left as it was. Blobs named by sha256 or sha512 are checked against
     * their names on the way.
     */
    public static void extract(Path tarFile, Path targetDir) throws IOException {
        String what = "oci-archive " + tarFile;
        Path target = targetDir.toAbsolutePath();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new OciException("cannot extract " + what + ": " + targetDir + " exists and is not a directory");
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(target)) {
                if (children.iterator().hasNext()) {
                    throw new OciException("cannot extract " + what + ": " + targetDir + " is not empty");
                }
            }
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".extract-");
        try {
            try (InputStream in = openTar(tarFile, what);
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                extractEntries(tar, staging, what);
            } catch (OciException | FileSystemException e) {
                throw e;
            } catch (IOException e) {
                throw new OciException(what + ": not a readable tar (truncated or corrupt): " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new OciException(what + ": malformed tar header: " + e.getMessage(), e);
            }
            checkLayout(staging, what);
            AtomicFiles.readableByAll(staging, true);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(target); // checked empty above
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileTrees.delete(staging);
        }
    }

    private static InputStream openTar(Path tarFile, String what) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(tarFile), 64 * 1024);
        try {
            in.mark(Magic.LENGTH);
            byte[] head = in.readNBytes(Magic.LENGTH);
            in.reset();
            Magic magic = Magic.of(head);
            if (magic == Magic.GZIP) {
                return GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            }
            if (magic != null) {
                throw new OciException(what + " is " + magic.name().toLowerCase(java.util.Locale.ROOT)
                        + "-compressed; lading reads plain or gzip-compressed OCI archives: decompress it first");
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static void extractEntries(TarArchiveInputStream tar, Path staging, String what) throws IOException {
        Set<String> seen = new HashSet<>();
        byte[] buf = new byte[64 * 1024];
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String raw = entry.getName();
            String name = layoutName(raw, what);
            if (name.isEmpty()) {
                if (!entry.isDirectory()) {
                    throw new OciException(what + ": entry '" + raw + "' names the layout root but is not a directory");
                }
                continue;
            }
            String kind = kindOf(entry);
            if (kind != null) {
                throw new OciException(what + ": entry '" + raw + "' is a " + kind + "; an OCI archive holds only regular"
                        + " files and directories");
            }
            Shape shape = shapeOf(name);
            if (shape == null) {
                throw new OciException(what + ": unexpected entry '" + raw + "'; an OCI archive holds only oci-layout,"
                        + " index.json and blobs/<algorithm>/<digest>");
            }
            if (shape.directory() != entry.isDirectory()) {
                throw new OciException(what + ": entry '" + raw + "' must be a " + (shape.directory() ? "directory" : "regular file"));
            }
            if (!seen.add(name)) {
                if (shape.directory()) {
                    continue;
                }
                throw new OciException(what + ": the archive holds '" + name + "' twice");
            }
            Path out = staging.resolve(name);
            if (shape.directory()) {
                Files.createDirectories(out);
                continue;
            }
            Files.createDirectories(out.getParent());
            MessageDigest md = shape.algorithm() == null ? null : Digest.newMessageDigest(shape.algorithm());
            long written = 0;
            try (OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                int n;
                while ((n = tar.read(buf)) >= 0) {
                    os.write(buf, 0, n);
                    written += n;
                    if (md != null) {
                        md.update(buf, 0, n);
                    }
                }
            }
            if (written != entry.getSize()) {
                throw new OciException(what + ": entry '" + raw + "' is truncated (" + written + " of " + entry.getSize() + " bytes)");
            }
            if (md != null) {
                String actual = HexFormat.of().formatHex(md.digest());
                if (!actual.equals(shape.encoded())) {
                    throw new OciException(what + ": blob '" + name + "' does not match its name: its content is "
                            + shape.algorithm() + ":" + actual + "; the archive is corrupt");
                }
            }
        }
    }

    /** Strips "./" and a trailing "/"; refuses absolute names and "..", which no layout needs. */
    private static String layoutName(String raw, String what) {
        if (raw.startsWith("/")) {
            throw new OciException(what + ": entry '" + raw + "' has an absolute path; refusing to extract it");
        }
        String n = raw;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.equals(".")) {
            return "";
        }
        for (String part : n.split("/", -1)) {
            if (part.equals("..")) {
                throw new OciException(what + ": entry '" + raw + "' contains '..'; refusing to extract it");
            }
        }
        return n;
    }

    /** Null for the two kinds extraction accepts; otherwise what the entry is, for the error. */
    private static String kindOf(TarArchiveEntry e) {
        if (e.isSymbolicLink()) {
            return "symbolic link (to '" + e.getLinkName() + "')";
        }
        if (e.isLink()) {
            return "hard link (to '" + e.getLinkName() + "')";
        }
        if (e.isCharacterDevice() || e.isBlockDevice()) {
            return "device node";
        }
        if (e.isFIFO()) {
            return "named pipe";
        }
        if (e.isSparse()) {
            return "sparse file";
        }
        if (e.isDirectory() || e.isFile()) {
            return null;
        }
        return "special entry (tar type '" + (char) e.getLinkFlag() + "')";
    }

    /** Where a name sits in the layout: a directory, a plain file, or a blob (with the digest its name claims). */
    private record Shape(boolean directory, String algorithm, String encoded) {
    }

    private static Shape shapeOf(String name) {
        if (name.equals(OCI_LAYOUT) || name.equals(INDEX_JSON)) {
            return new Shape(false, null, null);
        }
        if (name.equals(BLOBS)) {
            return new Shape(true, null, null);
        }
        String[] parts = name.split("/", -1);
        if (parts.length == 2 && parts[0].equals(BLOBS) && ALGORITHM.matcher(parts[1]).matches()) {
            return new Shape(true, null, null);
        }
        Matcher m = BLOB.matcher(name);
        if (m.matches() && ALGORITHM.matcher(m.group(1)).matches() && ENCODED.matcher(m.group(2)).matches()) {
            String algorithm = m.group(1);
            boolean registered = Digest.isValid(algorithm + ":" + m.group(2));
            boolean looksRegistered = algorithm.equals(Digest.SHA256) || algorithm.equals(Digest.SHA512);
            if (looksRegistered && !registered) {
                return null; // "blobs/sha256/xyz" cannot be a sha256 blob: refuse rather than store an unverifiable name
            }
            return new Shape(false, registered ? algorithm : null, m.group(2));
        }
        return null;
    }

    private static void checkLayout(Path layout, String what) throws IOException {
        Path ociLayout = layout.resolve(OCI_LAYOUT);
        Path index = layout.resolve(INDEX_JSON);
        if (!Files.isRegularFile(ociLayout, LinkOption.NOFOLLOW_LINKS)) {
            throw new OciException(what + " is not an OCI image layout: it has no oci-layout file");
        }
        if (!Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS)) {
            throw new OciException(what + " is not an OCI image layout: it has no index.json");
        }
        if (Files.size(ociLayout) > MAX_JSON || Files.size(index) > MAX_JSON) {
            throw new OciException(what + ": oci-layout or index.json is implausibly large");
        }
        JsonNode version = Json.read(Files.readAllBytes(ociLayout), JsonNode.class, what + " oci-layout").get("imageLayoutVersion");
        if (version == null || !version.isTextual()) {
            throw new OciException(what + ": oci-layout has no imageLayoutVersion");
        }
        try {
            Index.parse(Files.readAllBytes(index));
        } catch (OciException e) {
            throw new OciException(what + ": index.json: " + e.getMessage(), e);
        }
        Files.createDirectories(layout.resolve(BLOBS)); // the spec requires it even when empty
    }

    /**
     * Writes {@code layoutDir} (an OCI image layout) as a tar at {@code tarFile}: entries sorted by name, mtime 0,
     * uid/gid 0, no owner names, modes 0644/0755, so the same layout always gives the same bytes. The file is
     * written beside {@code tarFile} and renamed into place. Blobs are checked against their names while copied;
     * symbolic links and anything outside the layout's shape are refused rather than silently dropped.
     */
    public static void pack(Path layoutDir, Path tarFile) throws IOException {
        String what = "OCI layout " + layoutDir;
        if (!Files.isDirectory(layoutDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new OciException(what + " is not a directory");
        }
        Path root = layoutDir.toAbsolutePath();
        TreeMap<String, Path> entries = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                String name = root.relativize(p).toString().replace('\\', '/');
                BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                Shape shape = shapeOf(name);
                if (attrs.isSymbolicLink()) {
                    problems.add(name + " is a symbolic link");
                } else if (shape == null) {
                    problems.add(name + " is not part of an OCI layout");
                } else if (shape.directory() ? !attrs.isDirectory() : !attrs.isRegularFile()) {
                    problems.add(name + " should be a " + (shape.directory() ? "directory" : "regular file"));
                } else {
                    entries.put(name, p);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new OciException("cannot pack " + what + ": " + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? " (and " + (problems.size() - 5) + " more)" : ""));
        }
        if (!entries.containsKey(OCI_LAYOUT) || !entries.containsKey(INDEX_JSON)) {
            throw new OciException("cannot pack " + what + ": it is not an OCI image layout (oci-layout and index.json are required)");
        }
        entries.putIfAbsent(BLOBS, null); // the spec requires the directory even when empty
        if (tarFile.toAbsolutePath().startsWith(root)) {
            throw new OciException("cannot pack " + what + " into " + tarFile + ", which is inside it");
        }
        AtomicFiles.write(tarFile.toAbsolutePath(), out -> {
            DeterministicTar tar = new DeterministicTar(out);
            for (var e : entries.entrySet()) {
                String name = e.getKey();
                Shape shape = shapeOf(name);
                if (shape.directory()) {
                    tar.directory(name);
                    continue;
                }
                Path source = e.getValue();
                long size = Files.size(source);
                try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
                    if (shape.algorithm() == null) {
                        tar.file(name, in, size);
                    } else {
                        LayerDigests.HashingInputStream hashing = new LayerDigests.HashingInputStream(in, shape.algorithm());
                        tar.file(name, hashing, size);
                        if (!hashing.digest().hex().equals(shape.encoded())) {
                            throw new OciException("cannot pack " + what + ": blob " + name + " does not match its name (its"
                                    + " content is " + hashing.digest() + ")");
                        }
                    }
                }
            }
            tar.finish();
        });
    }
}
