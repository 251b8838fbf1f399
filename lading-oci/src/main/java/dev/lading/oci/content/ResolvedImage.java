package dev.lading.oci.content;

import dev.lading.oci.Descriptor;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Index;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.OciException;
import dev.lading.oci.Platform;

import java.io.IOException;

/**
 * One image read from a transport: its manifest (exact bytes and parsed), its config, and the index it was
 * picked from, if any.
 */
public record ResolvedImage(Descriptor index, Index parsedIndex, Descriptor manifestDescriptor, byte[] rawManifest,
                            Manifest manifest, byte[] rawConfig, ImageConfig config) {

    /** Resolves the reference; an index is narrowed to {@code platform} (null: this host's platform). */
    public static ResolvedImage load(ContentReader source, Platform platform) throws IOException {
        Descriptor root = source.resolve();
        byte[] raw = source.fetchManifest(root);
        Descriptor indexDesc = null;
        Index index = null;
        Descriptor manifestDesc = root;
        if (MediaType.isIndex(root.mediaType())) {
            indexDesc = root;
            index = Index.parse(raw);
            Platform want = platform != null ? platform : Platform.host();
            Index idx = index;
            manifestDesc = index.forPlatform(want).orElseThrow(() -> new OciException("the image index "
                    + root.digest() + " has no manifest for " + want + " (use --platform; it has "
                    + idx.manifests().stream().filter(d -> d.platform() != null).map(d -> d.platform().toString()).toList() + ")"));
            raw = source.fetchManifest(manifestDesc);
        } else if (!MediaType.isImageManifest(root.mediaType())) {
            throw new OciException("unsupported manifest media type '" + root.mediaType() + "'");
        }
        Manifest manifest = Manifest.parse(raw);
        byte[] rawConfig = source.readBlob(manifest.config());
        ImageConfig config = ImageConfig.parse(rawConfig);
        return new ResolvedImage(indexDesc, index, manifestDesc, raw, manifest, rawConfig, config);
    }
}
