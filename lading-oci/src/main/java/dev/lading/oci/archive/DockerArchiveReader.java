package dev.lading.oci.archive;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.luben.zstd.ZstdInputStream;
import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.DockerReference;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Index;
import dev.lading.oci.Json;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.OciException;
import dev.lading.oci.archive.DockerArchive.ArchivedImage;
import dev.lading.oci.archive.DockerArchive.Selection;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.DigestMismatchException;
import dev.lading.oci.content.VerifyingInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One image of a docker-archive, as a {@link ContentReader}. Opening indexes the tar once, reads manifest.json,
 * the selected image's config, and hashes each of its layers once (digest of the stored bytes, diffID of the
 * uncompressed tar) to check them against the config's {@code rootfs.diff_ids}: an archive whose layers do not
 * match its config is refused at open, not half-way through a copy.
 *
 * <p>The root manifest is the real OCI manifest when the archive embeds an OCI layout (Docker 25+) that has one
 * for this config and these layers, so digests survive a save/load round trip; otherwise (legacy archives, or
 * Docker 25.0's early layouts whose manifests list no layers) it is an OCI manifest synthesised from the files.
 */
public final class DockerArchiveReader implements ContentReader {

    static final String MANIFEST_JSON = "manifest.json";
    private static final long MAX_JSON = 16L * 1024 * 1024;
    private static final long MAX_CONFIG = 64L * 1024 * 1024;
    private static final int MAX_INDEX_DEPTH = 4;
    private static final Pattern BLOB_PATH = Pattern.compile("blobs/(sha256|sha512)/([0-9a-f]+)");
    private static final Pattern LEGACY_CONFIG = Pattern.compile("(?:.*/)?([0-9a-f]{64})\\.json");

    /** Whether the root manifest came from the archive's OCI layout or was built from manifest.json. */
    public enum ManifestSource { OCI_LAYOUT, SYNTHESIZED }

    private final String displayName;
    private final TarIndex tar;
    private final Path tempFile;
    private final List<ArchivedImage> images;
    private final ArchivedImage selected;
    private final ImageConfig config;
    private final Descriptor root;
    private final byte[] rawManifest;
    private final Manifest manifest;
    private final ManifestSource manifestSource;
    private final Map<Digest, TarIndex.Entry> blobs;

    private DockerArchiveReader(String displayName, TarIndex tar, Path tempFile, List<ArchivedImage> images,
                                ArchivedImage selected, ImageConfig config, Descriptor root, byte[] rawManifest,
                                Manifest manifest, ManifestSource manifestSource, Map<Digest, TarIndex.Entry> blobs) {
        this.displayName = displayName;
        this.tar = tar;
        this.tempFile = tempFile;
        this.images = images;
        this.selected = selected;
        this.config = config;
        this.root = root;
        this.rawManifest = rawManifest;
        this.manifest = manifest;
        this.manifestSource = manifestSource;
        this.blobs = blobs;
    }

    static DockerArchiveReader open(Path file, Selection selection) throws IOException {
        String displayName = "docker-archive " + file;
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "docker-archive file not found (or not a regular file)");
        }
        Path tempFile = decompressIfNeeded(file, displayName);
        TarIndex tar = null;
        try {
            tar = TarIndex.open(tempFile != null ? tempFile : file, displayName);
            return load(displayName, tar, tempFile, selection);
        } catch (IOException | RuntimeException e) {
            if (tar != null) {
                tar.close();
            }
            if (tempFile != null) {
                Files.deleteIfExists(tempFile);
            }
            throw e;
        }
    }

    /**
     * docker load accepts compressed archives; random access needs a plain tar, so a compressed one is
     * decompressed once into a temporary file (deleted on close). Returns null when {@code file} is a plain tar.
     */
    private static Path decompressIfNeeded(Path file, String displayName) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(Magic.LENGTH);
        }
        Magic magic = Magic.of(head);
        if (magic == null) {
            return null;
        }
        if (magic == Magic.XZ) {
            throw new OciException(displayName + " is xz-compressed, which lading does not read; decompress it first"
                    + " (xz -d) and open the .tar");
        }
        String kind = magic.name().toLowerCase(java.util.Locale.ROOT);
        Path temp = Files.createTempFile("lading-docker-archive-", ".tar");
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
             InputStream in = switch (magic) {
                 case GZIP -> GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
                 case ZSTD -> new ZstdInputStream(raw);
                 case BZIP2 -> new BZip2CompressorInputStream(raw, true);
                 case XZ -> throw new AssertionError("xz was refused above");
             };
             OutputStream out = Files.newOutputStream(temp)) {
            in.transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            if (e instanceof java.nio.file.FileSystemException) {
                throw e;
            }
            throw new OciException(displayName + ": cannot decompress the " + kind + " archive (corrupt or truncated): "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    private static DockerArchiveReader load(String displayName, TarIndex tar, Path tempFile, Selection selection) throws IOException {
        List<ArchivedImage> images = readManifestJson(displayName, tar);
        ArchivedImage selected = select(displayName, images, selection);

        TarIndex.Entry configEntry = tar.resolveFile(selected.configPath(), "config");
        byte[] configBytes = tar.readAll(configEntry, MAX_CONFIG, "config");
        Digest configDigest = Digest.sha256(configBytes);
        checkNamedDigest(displayName, configEntry.name(), configDigest, "config");
        ImageConfig config;
        try {
            config = ImageConfig.parse(configBytes);
        } catch (OciException e) {
            throw new OciException(displayName + ": config '" + configEntry.name() + "': " + e.getMessage(), e);
        }
        List<Digest> diffIds = config.diffIds();
        if (diffIds.size() != selected.layerPaths().size()) {
            throw new OciException(displayName + ": image " + selected.describe() + " lists " + selected.layerPaths().size()
                    + " layers in manifest.json but its config has " + diffIds.size() + " rootfs.diff_ids");
        }

        Map<Digest, TarIndex.Entry> blobs = new LinkedHashMap<>();
        blobs.put(configDigest, configEntry);
        Map<String, LayerDigests> hashed = new HashMap<>();
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            String path = selected.layerPaths().get(i);
            TarIndex.Entry entry = tar.resolveFile(path, "layer " + (i + 1));
            LayerDigests facts = hashed.get(entry.name());
            if (facts == null) {
                try (InputStream in = tar.open(entry)) {
                    facts = LayerDigests.compute(in, displayName + ": layer '" + entry.name() + "'");
                }
                checkNamedDigest(displayName, entry.name(), facts.digest(), "layer");
                hashed.put(entry.name(), facts);
            }
            if (!facts.diffId().equals(diffIds.get(i))) {
                throw new OciException(displayName + ": layer " + (i + 1) + " ('" + path + "') has diffID " + facts.diffId()
                        + " but the config says rootfs.diff_ids[" + i + "] is " + diffIds.get(i)
                        + ": the archive is corrupt or its layers were swapped");
            }
            blobs.put(facts.digest(), entry);
            layers.add(Descriptor.of(facts.ociMediaType(), facts.digest(), facts.size()));
        }
        Descriptor configDescriptor = Descriptor.of(MediaType.OCI_CONFIG, configDigest, configBytes.length);

        Optional<LayoutManifest> fromLayout = findLayoutManifest(displayName, tar, configDescriptor, layers);
        if (fromLayout.isPresent()) {
            LayoutManifest lm = fromLayout.get();
            return new DockerArchiveReader(displayName, tar, tempFile, images, selected, config, lm.descriptor(), lm.raw(),
                    lm.manifest(), ManifestSource.OCI_LAYOUT, blobs);
        }
        Manifest synthesized = Manifest.oci(configDescriptor, layers, null);
        byte[] raw = synthesized.toJson();
        Descriptor rootDescriptor = Descriptor.of(MediaType.OCI_MANIFEST, raw);
        return new DockerArchiveReader(displayName, tar, tempFile, images, selected, config, rootDescriptor, raw,
                synthesized, ManifestSource.SYNTHESIZED, blobs);
    }

    /** The shape of one manifest.json entry; Docker's field names. Parent and LayerSources are not needed. */
    record ManifestItem(@JsonProperty("Config") String config,
                        @JsonProperty("RepoTags") List<String> repoTags,
                        @JsonProperty("Layers") List<String> layers) {
    }

    private static List<ArchivedImage> readManifestJson(String displayName, TarIndex tar) throws IOException {
        Optional<TarIndex.Entry> entry = tar.entry(MANIFEST_JSON);
        if (entry.isEmpty()) {
            if (tar.contains("oci-layout") && tar.contains("index.json")) {
                throw new OciException(displayName + " has no manifest.json but is an OCI image layout: open it as"
                        + " oci-archive:" + tar.file() + " instead");
            }
            if (tar.contains("repositories")) {
                throw new OciException(displayName + " has no manifest.json: it predates Docker 1.10 (image format v1),"
                        + " which lading does not read; re-save it with a current docker");
            }
            throw new OciException(displayName + " has no manifest.json: not a docker save archive");
        }
        TarIndex.Entry resolved = tar.resolveFile(MANIFEST_JSON, "manifest.json");
        byte[] bytes = tar.readAll(resolved, MAX_JSON, "manifest.json");
        ManifestItem[] items;
        try {
            items = Json.read(bytes, ManifestItem[].class, "manifest.json");
        } catch (OciException e) {
            throw new OciException(displayName + ": " + e.getMessage(), e);
        }
        if (items == null || items.length == 0) {
            throw new OciException(displayName + ": manifest.json lists no images");
        }
        List<ArchivedImage> images = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            ManifestItem item = items[i];
            if (item == null || item.config() == null || item.config().isEmpty()) {
                throw new OciException(displayName + ": manifest.json entry " + i + " has no Config");
            }
            if (item.layers() == null) {
                throw new OciException(displayName + ": manifest.json entry " + i + " has no Layers");
            }
            for (String layer : item.layers()) {
                if (layer == null || layer.isEmpty()) {
                    throw new OciException(displayName + ": manifest.json entry " + i + " has an empty layer path");
                }
            }
            List<String> tags = item.repoTags() == null ? List.of() : item.repoTags().stream().filter(t -> t != null).toList();
            images.add(new ArchivedImage(i, tags, item.config(), item.layers()));
        }
        return List.copyOf(images);
    }

    private static ArchivedImage select(String displayName, List<ArchivedImage> images, Selection selection) {
        return switch (selection) {
            case Selection.Only only -> {
                if (images.size() == 1) {
                    yield images.get(0);
                }
                throw new OciException(displayName + " holds " + images.size() + " images; choose one by tag"
                        + " (docker-archive:FILE:name:tag) or by index (docker-archive:FILE:@N): " + listing(images));
            }
            case Selection.ByIndex byIndex -> {
                if (byIndex.index() < images.size()) {
                    yield images.get(byIndex.index());
                }
                throw new OciException(displayName + " has no image @" + byIndex.index() + "; it holds " + images.size()
                        + ": " + listing(images));
            }
            case Selection.ByTag byTag -> {
                List<ArchivedImage> matches = new ArrayList<>();
                for (ArchivedImage image : images) {
                    for (String tag : image.repoTags()) {
                        if (sameTag(tag, byTag.reference())) {
                            matches.add(image);
                            break;
                        }
                    }
                }
                if (matches.size() == 1) {
                    yield matches.get(0);
                }
                if (matches.isEmpty()) {
                    throw new OciException(displayName + " has no image tagged " + DockerArchive.familiar(byTag.reference())
                            + "; it holds: " + listing(images));
                }
                throw new OciException(displayName + " has " + matches.size() + " images tagged "
                        + DockerArchive.familiar(byTag.reference()) + "; choose one by index: " + listing(matches));
            }
        };
    }

    private static boolean sameTag(String repoTag, DockerReference wanted) {
        try {
            DockerReference ref = DockerReference.parse(repoTag);
            return ref.digest() == null && ref.registry().equals(wanted.registry())
                    && ref.repository().equals(wanted.repository()) && ref.tag().equals(wanted.tag());
        } catch (IllegalArgumentException e) {
            return false; // a RepoTag docker itself could not have written never matches
        }
    }

    private static String listing(List<ArchivedImage> images) {
        return String.join(", ", images.stream().map(ArchivedImage::describe).toList());
    }

    /** A file named after a digest (blobs/sha256/HEX, legacy HEX.json configs) must have that digest. */
    private static void checkNamedDigest(String displayName, String name, Digest actual, String what) throws DigestMismatchException {
        Matcher blob = BLOB_PATH.matcher(name);
        Digest named = null;
        if (blob.matches() && Digest.isValid(blob.group(1) + ":" + blob.group(2))) {
            named = new Digest(blob.group(1), blob.group(2));
        } else if (what.equals("config")) {
            Matcher legacy = LEGACY_CONFIG.matcher(name);
            if (legacy.matches()) {
                named = new Digest(Digest.SHA256, legacy.group(1));
            }
        }
        if (named == null) {
            return;
        }
        if (!named.algorithm().equals(actual.algorithm())) {
            return; // a sha512-named blob is checked when it is read through openBlob
        }
        if (!named.equals(actual)) {
            throw new DigestMismatchException(displayName + ": " + what + " '" + name + "' does not match its name: its"
                    + " content is " + actual + "; the archive is corrupt");
        }
    }

    private record LayoutManifest(Descriptor descriptor, byte[] raw, Manifest manifest) {
    }

    /**
     * In a Docker 25+ archive, the OCI manifest index.json reaches whose config and layers are exactly these:
     * only then do its digests describe the files manifest.json names.
     */
    private static Optional<LayoutManifest> findLayoutManifest(String displayName, TarIndex tar, Descriptor config,
                                                               List<Descriptor> layers) throws IOException {
        if (!tar.contains("oci-layout") || !tar.contains("index.json")) {
            return Optional.empty();
        }
        TarIndex.Entry indexEntry = tar.resolveFile("index.json", "index.json");
        Index index;
        try {
            index = Index.parse(tar.readAll(indexEntry, MAX_JSON, "index.json"));
        } catch (OciException e) {
            throw new OciException(displayName + ": the embedded OCI layout's index.json: " + e.getMessage(), e);
        }
        return search(displayName, tar, index.manifests(), config, layers, 0);
    }

    private static Optional<LayoutManifest> search(String displayName, TarIndex tar, List<Descriptor> descriptors,
                                                   Descriptor config, List<Descriptor> layers, int depth) throws IOException {
        if (depth > MAX_INDEX_DEPTH) {
            return Optional.empty();
        }
        for (Descriptor d : descriptors) {
            boolean isManifest = MediaType.isImageManifest(d.mediaType());
            boolean isIndex = MediaType.isIndex(d.mediaType());
            if (!isManifest && !isIndex) {
                continue;
            }
            Optional<TarIndex.Entry> entry = tar.entry(blobPath(d.digest()));
            if (entry.isEmpty()) {
                continue; // containerd exports reference platforms they did not include
            }
            TarIndex.Entry file = tar.resolveFile(entry.get().name(), "manifest");
            byte[] raw = tar.readAll(file, MAX_JSON, "manifest");
            try {
                VerifyingInputStream.checkBytes(raw, d, displayName + ": embedded OCI manifest");
            } catch (DigestMismatchException e) {
                throw new DigestMismatchException(e.getMessage() + "; the archive is corrupt");
            }
            if (isIndex) {
                Index child;
                try {
                    child = Index.parse(raw);
                } catch (OciException e) {
                    continue;
                }
                Optional<LayoutManifest> found = search(displayName, tar, child.manifests(), config, layers, depth + 1);
                if (found.isPresent()) {
                    return found;
                }
                continue;
            }
            Manifest m;
            try {
                m = Manifest.parse(raw);
            } catch (OciException e) {
                continue;
            }
            if (sameBlob(m.config(), config) && m.layers().size() == layers.size()) {
                boolean all = true;
                for (int i = 0; i < layers.size() && all; i++) {
                    all = sameBlob(m.layers().get(i), layers.get(i));
                }
                if (all) {
                    String mediaType = m.mediaType() != null ? m.mediaType() : d.mediaType();
                    return Optional.of(new LayoutManifest(Descriptor.of(mediaType, d.digest(), d.size()), raw, m));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean sameBlob(Descriptor a, Descriptor b) {
        return a.digest().equals(b.digest()) && a.size() == b.size();
    }

    static String blobPath(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
    }

    // ---------------------------------------------------------------- the reader

    /** Every image manifest.json lists, in its order. */
    public List<ArchivedImage> images() {
        return images;
    }

    /** The image this reader serves. */
    public ArchivedImage selectedImage() {
        return selected;
    }

    /** The selected image's config, already checked against its layers. */
    public ImageConfig config() {
        return config;
    }

    /** The root manifest; {@link #resolve()} describes its bytes. */
    public Manifest manifest() {
        return manifest;
    }

    public ManifestSource manifestSource() {
        return manifestSource;
    }

    @Override
    public Descriptor resolve() {
        return root;
    }

    @Override
    public byte[] fetchManifest(Descriptor descriptor) throws IOException {
        if (descriptor.digest().equals(root.digest())) {
            VerifyingInputStream.checkBytes(rawManifest, descriptor, "manifest");
            return rawManifest.clone();
        }
        Optional<TarIndex.Entry> entry = tar.entry(blobPath(descriptor.digest()));
        if (entry.isEmpty()) {
            throw new OciException(displayName + ": manifest " + descriptor.digest() + " is not in the archive");
        }
        TarIndex.Entry file = tar.resolveFile(entry.get().name(), "manifest");
        if (file.size() != descriptor.size()) {
            throw new DigestMismatchException("manifest " + descriptor.digest() + " in " + displayName + " is " + file.size()
                    + " bytes, but its descriptor says " + descriptor.size());
        }
        byte[] raw = tar.readAll(file, MAX_JSON, "manifest");
        VerifyingInputStream.checkBytes(raw, descriptor, "manifest");
        return raw;
    }

    @Override
    public InputStream openBlob(Descriptor descriptor) throws IOException {
        TarIndex.Entry entry = blobs.get(descriptor.digest());
        if (entry == null) {
            Optional<TarIndex.Entry> inLayout = tar.entry(blobPath(descriptor.digest()));
            if (inLayout.isEmpty()) {
                throw new OciException(displayName + ": blob " + descriptor.digest() + " is not in the archive");
            }
            entry = tar.resolveFile(inLayout.get().name(), "blob");
        }
        if (entry.size() != descriptor.size()) {
            throw new DigestMismatchException("blob " + descriptor.digest() + " in " + displayName + " is " + entry.size()
                    + " bytes, but its descriptor says " + descriptor.size());
        }
        return new VerifyingInputStream(tar.open(entry), descriptor, "blob");
    }

    /** Closes the archive and deletes the decompressed copy of a compressed one. */
    @Override
    public void close() throws IOException {
        try {
            tar.close();
        } finally {
            if (tempFile != null) {
                Files.deleteIfExists(tempFile);
            }
        }
    }
}
