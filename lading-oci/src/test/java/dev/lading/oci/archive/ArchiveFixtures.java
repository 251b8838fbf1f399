package dev.lading.oci.archive;

import com.github.luben.zstd.ZstdOutputStream;
import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Index;
import dev.lading.oci.Json;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the archives the tests read, in code: small layer tars, configs, and whole docker-save archives. */
final class ArchiveFixtures {
    private ArchiveFixtures() {
    }

    /** A layer: a tar of the given files (name → content). */
    static byte[] layer(Map<String, String> files) {
        TarBuilder t = new TarBuilder();
        files.forEach((name, content) -> t.file(name, content.getBytes(StandardCharsets.UTF_8)));
        return t.bytes();
    }

    static byte[] layer(String name, String content) {
        return layer(Map.of(name, content));
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bos)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    static byte[] zstd(byte[] data) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(bos)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /** A config whose rootfs lists the diffIDs of these uncompressed layer tars. */
    static byte[] config(List<byte[]> uncompressedLayers) {
        List<Digest> diffIds = uncompressedLayers.stream().map(Digest::sha256).toList();
        return configWithDiffIds(diffIds);
    }

    static byte[] configWithDiffIds(List<Digest> diffIds) {
        ImageConfig c = new ImageConfig("2024-01-01T00:00:00Z", null, "amd64", "linux", null, null, null,
                ImageConfig.Config.EMPTY.withCmd(List.of("/bin/app")).withEnv(List.of("PATH=/usr/bin")),
                new ImageConfig.RootFs("layers", diffIds), List.of());
        return c.toJson();
    }

    /** An image for the fixtures: its config, and its layers as stored (possibly compressed). */
    record Image(List<String> repoTags, byte[] config, List<byte[]> layers) {
        Digest configDigest() {
            return Digest.sha256(config);
        }
    }

    static Image image(List<String> tags, List<byte[]> storedLayers, List<byte[]> uncompressedLayers) {
        return new Image(tags, config(uncompressedLayers), storedLayers);
    }

    static Image plainImage(List<String> tags, byte[]... layers) {
        return image(tags, List.of(layers), List.of(layers));
    }

    /**
     * A docker save archive as Docker 1.10–24 writes it: {@code <hex>.json}, {@code <id>/layer.tar} (+ VERSION and
     * json), {@code manifest.json}, {@code repositories}. A layer already written for an earlier image is written
     * as a symlink to that one, as docker does.
     */
    static TarBuilder legacyArchive(Image... images) {
        TarBuilder t = new TarBuilder();
        List<Map<String, Object>> manifest = new ArrayList<>();
        Map<Digest, String> written = new LinkedHashMap<>();
        Map<String, Map<String, String>> repositories = new LinkedHashMap<>();
        int n = 0;
        for (Image image : images) {
            List<String> paths = new ArrayList<>();
            for (byte[] layer : image.layers()) {
                String id = Digest.sha256(("v1id" + n++).getBytes(StandardCharsets.UTF_8)).hex();
                t.directory(id + "/");
                t.file(id + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
                t.file(id + "/json", ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
                Digest d = Digest.sha256(layer);
                if (written.containsKey(d)) {
                    t.symlink(id + "/layer.tar", "../" + written.get(d) + "/layer.tar");
                } else {
                    t.file(id + "/layer.tar", layer);
                    written.put(d, id);
                }
                paths.add(id + "/layer.tar");
            }
            t.file(image.configDigest().hex() + ".json", image.config());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("Config", image.configDigest().hex() + ".json");
            item.put("RepoTags", image.repoTags().isEmpty() ? null : image.repoTags());
            item.put("Layers", paths);
            manifest.add(item);
            for (String tag : image.repoTags()) {
                int colon = tag.lastIndexOf(':');
                repositories.computeIfAbsent(tag.substring(0, colon), k -> new LinkedHashMap<>())
                        .put(tag.substring(colon + 1), paths.get(paths.size() - 1).split("/")[0]);
            }
        }
        t.file("manifest.json", Json.write(manifest));
        t.file("repositories", Json.write(repositories));
        return t;
    }

    /** A Docker 25+ archive: manifest.json into blobs/sha256, an OCI layout with one manifest per tag. */
    static TarBuilder docker25Archive(Image image, boolean manifestListsLayers) {
        TarBuilder t = new TarBuilder();
        t.directory("blobs/");
        t.directory("blobs/sha256/");
        List<Descriptor> layerDescriptors = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        Map<Digest, byte[]> blobs = new java.util.TreeMap<>();
        for (byte[] layer : image.layers()) {
            Digest d = Digest.sha256(layer);
            blobs.put(d, layer);
            paths.add("blobs/sha256/" + d.hex());
            layerDescriptors.add(Descriptor.of(MediaType.OCI_LAYER, d, layer.length));
        }
        blobs.put(image.configDigest(), image.config());
        Manifest m = Manifest.oci(Descriptor.of(MediaType.OCI_CONFIG, image.config()),
                manifestListsLayers ? layerDescriptors : List.of(), null);
        byte[] manifestBytes = m.toJson();
        Digest manifestDigest = Digest.sha256(manifestBytes);
        blobs.put(manifestDigest, manifestBytes);
        blobs.forEach((d, bytes) -> t.file("blobs/sha256/" + d.hex(), bytes));
        List<Descriptor> indexed = new ArrayList<>();
        for (String tag : image.repoTags()) {
            indexed.add(Descriptor.of(MediaType.OCI_MANIFEST, manifestDigest, manifestBytes.length)
                    .withAnnotations(Map.of("io.containerd.image.name", "docker.io/library/" + tag,
                            Descriptor.ANNOTATION_REF_NAME, tag.substring(tag.indexOf(':') + 1))));
        }
        t.file("index.json", Index.oci(indexed).toJson());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("Config", "blobs/sha256/" + image.configDigest().hex());
        item.put("RepoTags", image.repoTags());
        item.put("Layers", paths);
        t.file("manifest.json", Json.write(List.of(item)));
        t.file("oci-layout", "{\"imageLayoutVersion\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        return t;
    }

    /**
     * What Docker with the containerd image store saves: index.json points to a multi-platform index of which only
     * one platform's manifest (Docker schema 2, gzip layers) is in the archive; manifest.json points at the
     * compressed layer blobs.
     */
    static TarBuilder containerdArchive(Image image, String repoTag) {
        TarBuilder t = new TarBuilder();
        t.directory("blobs/");
        t.directory("blobs/sha256/");
        Map<Digest, byte[]> blobs = new java.util.TreeMap<>();
        List<Descriptor> layers = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (byte[] layer : image.layers()) {
            blobs.put(Digest.sha256(layer), layer);
            layers.add(Descriptor.of(MediaType.DOCKER_LAYER_GZIP, layer));
            paths.add("blobs/sha256/" + Digest.sha256(layer).hex());
        }
        blobs.put(image.configDigest(), image.config());
        byte[] manifest = Manifest.docker(Descriptor.of(MediaType.DOCKER_CONFIG, image.config()), layers).toJson();
        blobs.put(Digest.sha256(manifest), manifest);
        byte[] otherPlatform = "{\"absent\": true}".getBytes(StandardCharsets.UTF_8);
        byte[] index = Index.oci(List.of(
                Descriptor.of(MediaType.DOCKER_MANIFEST, otherPlatform).withPlatform(dev.lading.oci.Platform.of("linux", "arm64", "v8")),
                Descriptor.of(MediaType.DOCKER_MANIFEST, manifest).withPlatform(dev.lading.oci.Platform.of("linux", "amd64", null))))
                .toJson();
        blobs.put(Digest.sha256(index), index);
        blobs.forEach((d, bytes) -> t.file("blobs/sha256/" + d.hex(), bytes));
        t.file("index.json", Index.oci(List.of(Descriptor.of(MediaType.OCI_INDEX, index)
                .withAnnotations(Map.of("io.containerd.image.name", "docker.io/library/" + repoTag)))).toJson());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("Config", "blobs/sha256/" + image.configDigest().hex());
        item.put("RepoTags", List.of(repoTag));
        item.put("Layers", paths);
        t.file("manifest.json", Json.write(List.of(item)));
        t.file("oci-layout", "{\"imageLayoutVersion\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        return t;
    }

    /** Writes tar entries of any kind, including ones no honest tool writes. */
    static final class TarBuilder {
        private final ByteArrayOutputStream bos = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar;

        TarBuilder() {
            this(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        /** {@code longFileMode}: how names over 100 bytes are written (PAX as Go does, or GNU as GNU tar does). */
        TarBuilder(int longFileMode) {
            tar = new TarArchiveOutputStream(bos);
            tar.setLongFileMode(longFileMode);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }

        TarBuilder file(String name, byte[] content) {
            TarArchiveEntry e = new TarArchiveEntry(name, true);
            e.setSize(content.length);
            return put(e, content);
        }

        TarBuilder directory(String name) {
            return put(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true), null);
        }

        TarBuilder symlink(String name, String target) {
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
            e.setLinkName(target);
            return put(e, null);
        }

        TarBuilder hardlink(String name, String target) {
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK, true);
            e.setLinkName(target);
            return put(e, null);
        }

        TarBuilder special(String name, byte type) {
            return put(new TarArchiveEntry(name, type, true), null);
        }

        private TarBuilder put(TarArchiveEntry e, byte[] content) {
            e.setModTime(0); // whole seconds: no PAX mtime records, so tests can patch the first header
            try {
                tar.putArchiveEntry(e);
                if (content != null) {
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return this;
        }

        byte[] bytes() {
            try {
                tar.finish();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return bos.toByteArray();
        }

        Path writeTo(Path file) throws IOException {
            Files.write(file, bytes());
            return file;
        }
    }
}
