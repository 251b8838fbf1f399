package dev.lading.oci.archive;

import dev.lading.oci.content.ObservingInputStream;
import dev.lading.oci.AtomicFiles;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.DockerReference;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Index;
import dev.lading.oci.Json;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.OciException;
import dev.lading.oci.content.ContentWriter;
import dev.lading.oci.content.ObservingInputStream;
import dev.lading.oci.content.VerifyingInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Writes one image as a docker-archive in Docker 25+'s shape: {@code manifest.json} pointing into an OCI image
 * layout ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/…}), plus {@code repositories}.
 * Blobs arrive first and are spooled (verified) into a hidden directory beside the destination; {@link #commit}
 * writes the tarball to a temporary file there and renames it into place, so the destination is either the old
 * file or the complete new archive. The spool is removed when the writer commits, fails to commit, or is closed.
 *
 * <p>Blobs are archived as they are, compressed or not: {@code docker load} decompresses layers itself, and
 * keeping the bytes keeps the digests. Entries are sorted and carry no timestamps or owners, so the same image
 * and tag always give the same bytes.
 */
public final class DockerArchiveWriter implements ContentWriter {

    private static final long MAX_CONFIG = 64L * 1024 * 1024;
    static final String OCI_LAYOUT_CONTENT = "{\"imageLayoutVersion\":\"1.0.0\"}";
    static final String ANNOTATION_IMAGE_NAME = "io.containerd.image.name";

    private final Path target;
    private final DockerReference tag;
    private final Path spool;
    private final Map<Digest, Spooled> blobs = new ConcurrentHashMap<>();
    private boolean finished;

    private record Spooled(Path path, long size, Digest diffId) {
    }

    private DockerArchiveWriter(Path target, DockerReference tag, Path spool) {
        this.target = target;
        this.tag = tag;
        this.spool = spool;
    }

    static DockerArchiveWriter create(Path file, DockerReference tag) throws IOException {
        if (tag != null && (tag.tag() == null || tag.digest() != null)) {
            throw new OciException("docker-archive:" + file + ": the image name must be name:tag (RepoTags cannot hold"
                    + " a digest), got '" + tag + "'");
        }
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new OciException("docker-archive:" + file + " is a directory; give a file name for the archive");
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path spool = Files.createTempDirectory(dir, "." + target.getFileName() + ".spool-");
        return new DockerArchiveWriter(target, tag, spool);
    }

    @Override
    public boolean hasBlob(Descriptor descriptor) {
        Spooled s = blobs.get(descriptor.digest());
        return s != null && s.size() == descriptor.size();
    }

    /**
     * Spools a blob after checking its digest and size. A layer (by media type) is also decompressed on the way
     * through to learn its diffID, so {@link #commit} can check the config without reading it again.
     * The caller keeps ownership of {@code content}.
     */
    @Override
    public void writeBlob(Descriptor descriptor, InputStream content) throws IOException {
        ensureOpen();
        if (hasBlob(descriptor)) {
            return;
        }
        Path temp = Files.createTempFile(spool, "incoming-", ".tmp");
        try {
            Digest diffId = null;
            // a download that already checks itself against this descriptor is not hashed a second time
            InputStream verified = content instanceof ObservingInputStream o && o.verifies(descriptor)
                    ? content : new VerifyingInputStream(content, descriptor, "blob");
            try (OutputStream out = Files.newOutputStream(temp)) {
                if (MediaType.isLayer(descriptor.mediaType())) {
                    diffId = LayerDigests.compute(new TeeInputStream(verified, out), "layer " + descriptor.digest()).diffId();
                } else {
                    verified.transferTo(out);
                }
            }
            Path path = spool.resolve(descriptor.digest().algorithm() + "-" + descriptor.digest().hex());
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            blobs.put(descriptor.digest(), new Spooled(path, descriptor.size(), diffId));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Index children have no place in a docker-archive, which holds one single-platform image. */
    @Override
    public void writeManifest(Descriptor descriptor, byte[] raw) {
        throw singlePlatformOnly();
    }

    @Override
    public synchronized void commit(Descriptor root, byte[] raw) throws IOException {
        ensureOpen();
        try {
            VerifyingInputStream.checkBytes(raw, root, "root manifest");
            if (MediaType.isIndex(root.mediaType())) {
                throw singlePlatformOnly();
            }
            Manifest manifest = Manifest.parse(raw);
            if (MediaType.isIndex(manifest.mediaType())) {
                throw singlePlatformOnly();
            }
            if (manifest.mediaType() != null && !MediaType.isImageManifest(manifest.mediaType())) {
                throw new OciException("docker-archive:" + target + ": cannot archive a " + manifest.mediaType()
                        + "; docker-archive holds image manifests");
            }
            Descriptor configDescriptor = manifest.config();
            String configType = configDescriptor.mediaType();
            if (configType != null && !configType.equals(MediaType.OCI_CONFIG) && !configType.equals(MediaType.DOCKER_CONFIG)) {
                throw new OciException("docker-archive:" + target + ": the manifest's config is a " + configType
                        + ", not a container image config: an artifact cannot be loaded by docker");
            }
            Spooled config = spooled(configDescriptor, "config");
            ImageConfig imageConfig = readConfig(config);
            List<Digest> diffIds = imageConfig.diffIds();
            if (diffIds.size() != manifest.layers().size()) {
                throw new OciException("docker-archive:" + target + ": the manifest has " + manifest.layers().size()
                        + " layers but the config lists " + diffIds.size() + " rootfs.diff_ids; docker load would refuse it");
            }
            for (int i = 0; i < diffIds.size(); i++) {
                Descriptor layer = manifest.layers().get(i);
                Spooled s = spooled(layer, "layer " + (i + 1));
                Digest diffId = s.diffId() != null ? s.diffId() : computeDiffId(layer, s);
                if (!diffId.equals(diffIds.get(i))) {
                    throw new OciException("docker-archive:" + target + ": layer " + (i + 1) + " (" + layer.digest()
                            + ") has diffID " + diffId + " but the config says rootfs.diff_ids[" + i + "] is " + diffIds.get(i));
                }
            }
            writeArchive(root, raw, manifest, imageConfig);
        } finally {
            finish();
        }
    }

    private void writeArchive(Descriptor root, byte[] raw, Manifest manifest, ImageConfig imageConfig) throws IOException {
        // Every blob once, by path; the root manifest is a blob too, so that index.json resolves.
        TreeMap<String, Object> blobEntries = new TreeMap<>();
        blobEntries.put(DockerArchiveReader.blobPath(manifest.config().digest()), blobs.get(manifest.config().digest()));
        for (Descriptor layer : manifest.layers()) {
            blobEntries.put(DockerArchiveReader.blobPath(layer.digest()), blobs.get(layer.digest()));
        }
        blobEntries.put(DockerArchiveReader.blobPath(root.digest()), raw);
        TreeSet<String> algorithms = new TreeSet<>();
        blobEntries.keySet().forEach(p -> algorithms.add(p.split("/")[1]));

        List<String> layerPaths = manifest.layers().stream().map(d -> DockerArchiveReader.blobPath(d.digest())).toList();
        String repoTag = tag == null ? null : DockerArchive.familiar(tag);
        byte[] manifestJson = json(List.of(new ManifestJsonItem(DockerArchiveReader.blobPath(manifest.config().digest()),
                repoTag == null ? null : List.of(repoTag), layerPaths)));

        String mediaType = root.mediaType() != null ? root.mediaType()
                : manifest.mediaType() != null ? manifest.mediaType() : MediaType.OCI_MANIFEST;
        Descriptor indexEntry = Descriptor.of(mediaType, root.digest(), root.size());
        if (imageConfig.os() != null && imageConfig.architecture() != null) {
            indexEntry = indexEntry.withPlatform(imageConfig.platform());
        }
        if (tag != null) {
            Map<String, String> annotations = new TreeMap<>();
            annotations.put(ANNOTATION_IMAGE_NAME, tag.toString());
            annotations.put(Descriptor.ANNOTATION_REF_NAME, tag.tag());
            indexEntry = indexEntry.withAnnotations(annotations);
        }
        byte[] indexJson = json(Index.oci(List.of(indexEntry)));

        byte[] repositories = null;
        if (tag != null && !manifest.layers().isEmpty()) {
            // Pre-1.10 docker's view, kept because Docker still writes it: repository → tag → top layer.
            Digest top = manifest.layers().get(manifest.layers().size() - 1).digest();
            repositories = json(Map.of(DockerArchive.familiarName(tag), Map.of(tag.tag(), top.hex())));
        }
        byte[] repositoriesJson = repositories;

        AtomicFiles.write(target, out -> {
            DeterministicTar tar = new DeterministicTar(out);
            tar.directory("blobs");
            for (String algorithm : algorithms) {
                tar.directory("blobs/" + algorithm);
                for (Map.Entry<String, Object> e : blobEntries.entrySet()) {
                    if (!e.getKey().startsWith("blobs/" + algorithm + "/")) {
                        continue;
                    }
                    if (e.getValue() instanceof Spooled s) {
                        tar.file(e.getKey(), s.path(), s.size());
                    } else {
                        tar.file(e.getKey(), (byte[]) e.getValue());
                    }
                }
            }
            tar.file("index.json", indexJson);
            tar.file(DockerArchiveReader.MANIFEST_JSON, manifestJson);
            tar.file("oci-layout", OCI_LAYOUT_CONTENT.getBytes(StandardCharsets.UTF_8));
            if (repositoriesJson != null) {
                tar.file("repositories", repositoriesJson);
            }
            tar.finish();
        });
    }

    /** docker's manifest.json entry; RepoTags is written as null for an untagged image, as docker does. */
    @JsonPropertyOrder({"Config", "RepoTags", "Layers"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ManifestJsonItem(@JsonProperty("Config") String config,
                            @JsonProperty("RepoTags") List<String> repoTags,
                            @JsonProperty("Layers") List<String> layers) {
    }

    private static byte[] json(Object value) {
        // A trailing newline, as Go's json.Encoder writes it: diffs of unpacked archives then look like docker's.
        byte[] body = Json.write(value);
        byte[] out = new byte[body.length + 1];
        System.arraycopy(body, 0, out, 0, body.length);
        out[body.length] = '\n';
        return out;
    }

    private Spooled spooled(Descriptor d, String what) {
        Spooled s = blobs.get(d.digest());
        if (s == null) {
            throw new OciException("docker-archive:" + target + ": the " + what + " blob " + d.digest()
                    + " was not written before commit" + (d.urls() != null && !d.urls().isEmpty()
                    ? " (it is a foreign layer; fetch it from " + d.urls().get(0) + " first)" : ""));
        }
        if (s.size() != d.size()) {
            throw new OciException("docker-archive:" + target + ": the " + what + " blob " + d.digest() + " was written with "
                    + s.size() + " bytes but the manifest says " + d.size());
        }
        return s;
    }

    private ImageConfig readConfig(Spooled config) throws IOException {
        if (config.size() > MAX_CONFIG) {
            throw new OciException("docker-archive:" + target + ": the image config is " + config.size() + " bytes; refusing"
                    + " more than " + MAX_CONFIG);
        }
        ImageConfig parsed = ImageConfig.parse(Files.readAllBytes(config.path()));
        if (parsed.rootfs() == null) {
            throw new OciException("docker-archive:" + target + ": the image config has no rootfs; not a container image");
        }
        return parsed;
    }

    private Digest computeDiffId(Descriptor layer, Spooled s) throws IOException {
        try (InputStream in = Files.newInputStream(s.path())) {
            return LayerDigests.compute(in, "layer " + layer.digest()).diffId();
        }
    }

    private OciException singlePlatformOnly() {
        return new OciException("docker-archive:" + target + " holds a single-platform image, but an image index"
                + " (multi-platform) was given; select one platform (e.g. --platform linux/amd64) and copy that manifest");
    }

    private synchronized void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("docker-archive:" + target + ": the writer has already committed or been closed");
        }
    }

    private synchronized void finish() throws IOException {
        finished = true;
        deleteSpool();
    }

    private void deleteSpool() throws IOException {
        if (!Files.exists(spool)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(spool)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Aborts an uncommitted write: the spooled blobs are deleted and the destination is left untouched. */
    @Override
    public synchronized void close() throws IOException {
        finish();
    }

    /** Copies what is read to {@code out}, so one read of a blob both spools and hashes it. */
    private static final class TeeInputStream extends ObservingInputStream {
        private final OutputStream out;

        TeeInputStream(InputStream in, OutputStream out) {
            super(in);
            this.out = out;
        }

        @Override
        protected void observe(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
            // the caller owns the source stream; the spool file is closed by writeBlob
        }
    }
}
