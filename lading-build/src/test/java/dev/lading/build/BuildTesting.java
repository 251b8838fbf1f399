package dev.lading.build;

import dev.lading.dockerfile.DockerfileParser;
import dev.lading.dockerfile.expand.BuildArgs;
import dev.lading.oci.Descriptor;
import dev.lading.oci.Manifest;
import dev.lading.oci.layer.LayerCompression;
import dev.lading.oci.layout.OciLayout;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds small Dockerfiles in a temp directory and reads back what they produced. */
final class BuildTesting {

    /** One tar entry as a test compares it: "type mode uid:gid [content|->target]". */
    record Entry(String name, char type, int mode, long uid, long gid, String content) {
        @Override
        public String toString() {
            return type + " " + Integer.toOctalString(mode) + " " + uid + ":" + gid + (content.isEmpty() ? "" : " " + content);
        }
    }

    private BuildTesting() {
    }

    static void write(Path dir, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            if (f.getKey().endsWith("/")) {
                Files.createDirectories(p);
            } else {
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        }
    }

    static BuildResult build(OciLayout layout, BuildOptions options, String dockerfile) throws Exception {
        return build(layout, options, dockerfile, BuildArgs.none());
    }

    static BuildResult build(OciLayout layout, BuildOptions options, String dockerfile, BuildArgs args) throws Exception {
        return new Builder(layout, options).build(DockerfileParser.parse("Dockerfile", dockerfile), args);
    }

    static Manifest manifest(OciLayout layout, BuildResult r) throws IOException {
        return Manifest.parse(layout.readBlob(r.manifest()));
    }

    /** The entries of one layer, in tar order, name → description. */
    static Map<String, String> layer(OciLayout layout, Descriptor layer) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream raw = new BufferedInputStream(layout.openBlob(layer));
             InputStream plain = LayerCompression.decompress(raw);
             TarArchiveInputStream tar = new TarArchiveInputStream(plain)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                char type = e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : 'f';
                String content = e.isSymbolicLink() ? "->" + e.getLinkName()
                        : e.isFile() ? new String(tar.readAllBytes(), StandardCharsets.UTF_8) : "";
                out.put(e.getName(), new Entry(e.getName(), type, e.getMode() & 07777, e.getLongUserId(), e.getLongGroupId(),
                        content).toString());
            }
        }
        return out;
    }

    static Map<String, String> lastLayer(OciLayout layout, BuildResult r) throws IOException {
        var layers = manifest(layout, r).layers();
        return layer(layout, layers.get(layers.size() - 1));
    }

    /** Every regular file under {@code dir}: a hash of its content, mode, mtime and link count, by relative path. */
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), java.util.Arrays.hashCode(Files.readAllBytes(p)) + " mode="
                        + Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode") & 07777)
                        + " mtime=" + Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    static long blobCount(OciLayout layout) throws IOException {
        try (var s = Files.walk(layout.root().resolve("blobs"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
