package dev.lading.oci.archive;

import com.github.luben.zstd.ZstdInputStream;
import dev.lading.oci.Digest;
import dev.lading.oci.MediaType;
import dev.lading.oci.MediaType.Compression;
import dev.lading.oci.OciException;
import dev.lading.oci.content.ObservingInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * What an archive must know about a layer file and can only learn by reading it: its compression
 * (from magic bytes, since docker-archive manifests carry no media types), the digest and size of the bytes as
 * stored, and the diffID (sha256 of the uncompressed tar) that the image config lists. All from one pass.
 */
record LayerDigests(Compression compression, Digest digest, long size, Digest diffId) {

    /** The OCI media type for a layer stored with this compression. */
    String ociMediaType() {
        return MediaType.layerType(compression, false);
    }

    /**
     * Reads {@code raw} to its end. {@code what} names the layer in errors. The stream is not closed.
     */
    static LayerDigests compute(InputStream raw, String what) throws IOException {
        HashingInputStream stored = new HashingInputStream(raw);
        BufferedInputStream buffered = new BufferedInputStream(stored, 64 * 1024);
        Compression compression = detect(buffered, what);
        MessageDigest diff = Digest.newMessageDigest(Digest.SHA256);
        byte[] buf = new byte[64 * 1024];
        // The decompressor is closed (zstd holds native memory) without closing the caller's stream under it.
        InputStream shielded = new FilterInputStream(buffered) {
            @Override
            public void close() {
            }
        };
        try (InputStream uncompressed = switch (compression) {
            case NONE -> shielded;
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(shielded).setDecompressConcatenated(true).get();
            case ZSTD -> new ZstdInputStream(shielded);
        }) {
            int n;
            while ((n = uncompressed.read(buf)) >= 0) {
                diff.update(buf, 0, n);
            }
        } catch (IOException e) {
            if (stored.sourceFailed() || compression == Compression.NONE) {
                throw e;
            }
            throw new OciException(what + " could not be decompressed as " + compression.name().toLowerCase(Locale.ROOT)
                    + " (corrupt or truncated): " + e.getMessage(), e);
        }
        // The decompressor may stop before the end (zstd does not look past its last frame): the stored digest
        // covers every byte of the file.
        while (buffered.read(buf) >= 0) {
            // drain
        }
        return new LayerDigests(compression, stored.digest(), stored.count(), Digest.fromMessageDigest(Digest.SHA256, diff));
    }

    static Compression detect(BufferedInputStream in, String what) throws IOException {
        in.mark(Magic.LENGTH);
        byte[] head = in.readNBytes(Magic.LENGTH);
        in.reset();
        Magic magic = Magic.of(head);
        if (magic == null) {
            return Compression.NONE;
        }
        return switch (magic) {
            case GZIP -> Compression.GZIP;
            case ZSTD -> Compression.ZSTD;
            case BZIP2, XZ -> throw new OciException(what + " is " + magic.name().toLowerCase(Locale.ROOT)
                    + "-compressed; OCI images carry only plain, gzip or zstd layers (decompress it and recompress with gzip)");
        };
    }

    /** Counts and hashes what passes through; used where the stored bytes' digest is needed alongside another view. */
    static final class HashingInputStream extends ObservingInputStream {
        private final String algorithm;
        private final MessageDigest md;
        private long count;
        private boolean sourceFailed;

        HashingInputStream(InputStream in) {
            this(in, Digest.SHA256);
        }

        HashingInputStream(InputStream in, String algorithm) {
            super(in);
            this.algorithm = algorithm;
            this.md = Digest.newMessageDigest(algorithm);
        }

        @Override
        protected void observe(byte[] b, int off, int n) {
            md.update(b, off, n);
            count += n;
        }

        @Override
        protected void sourceFailed(IOException e) {
            sourceFailed = true;
        }

        Digest digest() {
            return Digest.fromMessageDigest(algorithm, md);
        }

        long count() {
            return count;
        }

        /** Whether the underlying stream (not a decompressor above it) threw: then its exception is the real story. */
        boolean sourceFailed() {
            return sourceFailed;
        }
    }
}
