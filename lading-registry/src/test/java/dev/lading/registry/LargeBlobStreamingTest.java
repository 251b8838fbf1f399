package dev.lading.registry;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.MediaType;
import dev.lading.registry.testing.RegistryFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blobs far larger than the heap go up and come back down: a JVM with a 40 MiB heap pushes and pulls a 256 MiB blob
 * (monolithic and chunked). Any code path that buffered a whole blob would die with OutOfMemoryError.
 */
@Tag("integration")
class LargeBlobStreamingTest {

    static final long SIZE = 256L * 1024 * 1024;

    /** Deterministic pseudo-random bytes, generated on the fly (xorshift), never held in memory. */
    static final class GeneratedStream extends InputStream {
        private long remaining;
        private long state;

        GeneratedStream(long size, long seed) {
            this.remaining = size;
            this.state = seed | 1;
        }

        @Override
        public int read() {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b[off + i] = (byte) state;
            }
            remaining -= n;
            return n;
        }
    }

    static Descriptor descriptor(long size, long seed) throws IOException {
        MessageDigest md = Digest.newMessageDigest(Digest.SHA256);
        try (InputStream in = new GeneratedStream(size, seed)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf, 0, buf.length)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return Descriptor.of(MediaType.OCI_LAYER, Digest.fromMessageDigest(Digest.SHA256, md), size);
    }

    /** Run in the small-heap JVM: push (monolithic or chunked), then pull and verify. */
    public static void main(String[] args) throws IOException {
        String host = args[0];
        boolean chunked = args[1].equals("chunked");
        long seed = Long.parseLong(args[2]);
        Descriptor d = descriptor(SIZE, seed);
        RegistryOptions options = RegistryOptions.defaults().withChunking(chunked ? 1 : Long.MAX_VALUE, 8 * 1024 * 1024);
        RegistryClient client = RegistryClient.create(host, CredentialProvider.anonymous(), options);
        client.pushBlob("large/blob", d, new GeneratedStream(SIZE, seed));
        long total = 0;
        try (InputStream in = client.openBlob("large/blob", d)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
            }
        }
        System.out.println("OK " + total + " " + d.digest() + " maxHeap=" + Runtime.getRuntime().maxMemory());
    }

    @Test
    void pushAndPullInConstantMemory() throws Exception {
        try (RegistryFixture registry = RegistryFixture.anonymous()) {
            for (String mode : List.of("monolithic", "chunked")) {
                String java = ProcessHandle.current().info().command().orElse("java");
                String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
                List<String> cmd = new ArrayList<>(List.of(java, "-Xmx40m", "-cp", classpath, LargeBlobStreamingTest.class.getName(),
                        registry.host(), mode, mode.equals("chunked") ? "2" : "1"));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
                String text = new String(out, StandardCharsets.UTF_8);
                assertThat(p.exitValue()).as(text).isZero();
                assertThat(text).startsWith("OK " + SIZE + " ");
                RegistryClient client = RegistryClient.create(registry.host(), CredentialProvider.anonymous(), RegistryOptions.defaults());
                assertThat(client.headBlob("large/blob", descriptor(SIZE, mode.equals("chunked") ? 2 : 1).digest())).contains(SIZE);
            }
        }
    }

}
