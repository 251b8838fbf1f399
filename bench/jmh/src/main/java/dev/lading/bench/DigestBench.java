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
 * the bare read: the difference is what verification costs per MiB once the JIT has compiled it. And SHA-256
 * alone, the JDK's against lading's ({@code Digest.newMessageDigest}, OpenSSL's where it can be had).
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

    /** The JDK's SHA-256 over 16 MiB: fast only once C2 has compiled it (run with -jvmArgsAppend -XX:TieredStopAtLevel=1 to see C1's). */
    @Benchmark
    public byte[] jdkSha256Of16MiB() throws java.security.NoSuchAlgorithmException {
        return java.security.MessageDigest.getInstance("SHA-256").digest(blob);
    }

    /** lading's SHA-256 over 16 MiB: OpenSSL's where it can be had (Java 22+, native access on), whatever the JIT does. */
    @Benchmark
    public byte[] ladingSha256Of16MiB() {
        return dev.lading.oci.Digest.newMessageDigest(dev.lading.oci.Digest.SHA256).digest(blob);
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
