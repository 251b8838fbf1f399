package dev.lading.bench;

import dev.lading.oci.Descriptor;
import dev.lading.oci.MediaType;
import dev.lading.oci.content.VerifyingInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/**
 * Reading a blob through the digest check every copy, pull and push does (SHA-256 as the bytes pass), against
 * the bare read: the difference is what verification costs per MiB once the JIT has compiled it.
 */
@State(Scope.Thread)
public class DigestBench {

    @Param({"16384", "262144"})
    int readSize;

    private byte[] blob;
    private Descriptor descriptor;
    private byte[] buffer;

    @Setup
    public void setup() {
        blob = new byte[16 << 20];
        new Random(1).nextBytes(blob);
        descriptor = Descriptor.of(MediaType.OCI_LAYER, blob);
        buffer = new byte[readSize];
    }

    @Benchmark
    public long verifiedRead16MiB() throws IOException {
        long n = 0;
        try (InputStream in = new VerifyingInputStream(new ByteArrayInputStream(blob), descriptor, "bench")) {
            for (int r; (r = in.read(buffer)) > 0; ) {
                n += r;
            }
        }
        return n;
    }

    @Benchmark
    public long plainRead16MiB() throws IOException {
        long n = 0;
        try (InputStream in = new ByteArrayInputStream(blob)) {
            for (int r; (r = in.read(buffer)) > 0; ) {
                n += r;
            }
        }
        return n;
    }
}
