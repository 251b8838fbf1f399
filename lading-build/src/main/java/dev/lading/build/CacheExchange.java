package dev.lading.build;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.Index;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.OciException;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ContentWriter;
import dev.lading.oci.layout.OciLayout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The build cache as ordinary OCI content, for {@code --cache-to}/{@code --cache-from}: one artifact manifest
 * per cache entry (artifactType {@value #ARTIFACT_TYPE}, the empty config, the layer as its only layer,
 * the key and diffID as annotations) and an index of them, tagged where the user says. Any registry (or
 * OCI layout) holds it, and registry garbage collection keeps the layers because manifests reference them.
 * The index entries repeat the key and the layer, so an import reads one index and fetches a layer only
 * when the build hits its key.
 */
public final class CacheExchange {

    public static final String ARTIFACT_TYPE = "application/vnd.lading.build-cache.v1";
    public static final String KEY = "dev.lading.build-cache.key";
    public static final String DIFF_ID = "dev.lading.build-cache.diff-id";
    public static final String LAYER = "dev.lading.build-cache.layer";
    public static final String LAYER_MEDIA_TYPE = "dev.lading.build-cache.layer-media-type";
    public static final String LAYER_SIZE = "dev.lading.build-cache.layer-size";
    /** An import reads at most this many entries: a hostile index must not exhaust memory. */
    static final int MAX_ENTRIES = 100_000;

    private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

    private CacheExchange() {
    }

    /**
     * Writes {@code entries} (their layers read from {@code blobs}) to {@code to}: blobs the destination lacks,
     * the artifact manifests, then the index as the root. Returns how many entries were written.
     */
    public static int export(Map<String, BuildCache.Entry> entries, OciLayout blobs, ContentWriter to) throws IOException {
        Descriptor config = Descriptor.of(MediaType.OCI_EMPTY, EMPTY_CONFIG);
        if (!to.hasBlob(config)) {
            to.writeBlob(config, new java.io.ByteArrayInputStream(EMPTY_CONFIG));
        }
        List<Descriptor> manifests = new ArrayList<>();
        for (Map.Entry<String, BuildCache.Entry> e : new TreeMap<>(entries).entrySet()) {
            Descriptor layer = e.getValue().layer();
            if (!blobs.hasBlob(layer.digest())) {
                continue; // gc'd from the store since: nothing to share
            }
            if (!to.hasBlob(layer)) {
                try (InputStream in = blobs.openBlob(layer)) {
                    to.writeBlob(layer, in);
                }
            }
            Map<String, String> annotations = new TreeMap<>();
            annotations.put(KEY, e.getKey());
            annotations.put(DIFF_ID, e.getValue().diffId().toString());
            byte[] raw = new Manifest(2, MediaType.OCI_MANIFEST, ARTIFACT_TYPE, config, List.of(layer), null, annotations).toJson();
            Descriptor manifest = Descriptor.of(MediaType.OCI_MANIFEST, raw);
            to.writeManifest(manifest, raw);
            Map<String, String> indexAnnotations = new TreeMap<>(annotations);
            indexAnnotations.put(LAYER, layer.digest().toString());
            indexAnnotations.put(LAYER_MEDIA_TYPE, layer.mediaType());
            indexAnnotations.put(LAYER_SIZE, Long.toString(layer.size()));
            manifests.add(new Descriptor(manifest.mediaType(), manifest.digest(), manifest.size(), null, indexAnnotations,
                    null, null, ARTIFACT_TYPE));
        }
        byte[] index = new Index(2, MediaType.OCI_INDEX, ARTIFACT_TYPE, manifests, null, null).toJson();
        to.commit(Descriptor.of(MediaType.OCI_INDEX, index), index);
        return manifests.size();
    }

    /**
     * Reads an exported cache index: key → entry. Index entries that are not lading cache entries, or whose
     * annotations do not parse, are skipped; an index that is not a lading cache is an error.
     */
    public static Map<String, BuildCache.Entry> read(ContentReader from) throws IOException {
        Descriptor root = from.resolve();
        if (!MediaType.OCI_INDEX.equals(root.mediaType())) {
            throw new OciException("not a lading build cache: the reference names a " + root.mediaType() + ", not an OCI index");
        }
        Index index = Index.parse(from.fetchManifest(root));
        if (!ARTIFACT_TYPE.equals(index.artifactType())) {
            throw new OciException("not a lading build cache: the index's artifactType is " + index.artifactType());
        }
        Map<String, BuildCache.Entry> out = new TreeMap<>();
        for (Descriptor d : index.manifests()) {
            if (out.size() >= MAX_ENTRIES) {
                break;
            }
            Map<String, String> a = d.annotations();
            if (a == null || !ARTIFACT_TYPE.equals(d.artifactType()) || a.get(KEY) == null) {
                continue;
            }
            try {
                Descriptor layer = Descriptor.of(a.get(LAYER_MEDIA_TYPE), Digest.parse(a.get(LAYER)), Long.parseLong(a.get(LAYER_SIZE)));
                if (!MediaType.isLayer(layer.mediaType())) {
                    continue;
                }
                out.put(a.get(KEY), new BuildCache.Entry(layer, Digest.parse(a.get(DIFF_ID))));
            } catch (RuntimeException e) {
                // a damaged entry is a cache miss, never a failed build
            }
        }
        return out;
    }
}
