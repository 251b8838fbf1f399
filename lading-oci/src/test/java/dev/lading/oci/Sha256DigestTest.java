package dev.lading.oci;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256DigestTest {

    private static byte[] jdk(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    /** Feeds {@code data} in pieces of random size (single bytes among them), as streams do. */
    private static byte[] feed(MessageDigest md, byte[] data, long seed) {
        Random random = new Random(seed);
        int at = 0;
        while (at < data.length) {
            int kind = random.nextInt(4);
            if (kind == 0) {
                md.update(data[at++]);
                continue;
            }
            int max = kind == 1 ? 64 : kind == 2 ? 20_000 : 700_000;
            int n = Math.min(data.length - at, 1 + random.nextInt(max));
            md.update(data, at, n);
            at += n;
        }
        return md.digest();
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void nativeSha256IsFoundWhereTheMachineHasIt() {
        // this machine (and CI's) runs the tests on JDK 25 with native access enabled, and has libcrypto
        boolean libcrypto = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libcrypto.so.3"))
                || Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/libcrypto.so.3"));
        if (Runtime.version().feature() >= 22 && libcrypto) {
            assertThat(NativeSha256.available()).isTrue();
        }
    }

    @Test
    void knownAnswersInEveryMode() throws Exception {
        String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        for (boolean nativeAllowed : new boolean[]{true, false}) {
            Sha256Digest md = new Sha256Digest(nativeAllowed);
            assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(empty);
            assertThat(HexFormat.of().formatHex(md.digest("abc".getBytes()))).isEqualTo(abc);
        }
        // a million 'a's: past the collect limit, so hashed natively (or by the JDK where there is no native one)
        byte[] million = new byte[1_000_000];
        java.util.Arrays.fill(million, (byte) 'a');
        byte[] twoMillion = new byte[Sha256Digest.COLLECT_LIMIT + 5];
        java.util.Arrays.fill(twoMillion, (byte) 'a');
        assertThat(HexFormat.of().formatHex(new Sha256Digest().digest(million)))
                .isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        assertThat(new Sha256Digest().digest(twoMillion)).isEqualTo(jdk(twoMillion));
        assertThat(new Sha256Digest(false).digest(twoMillion)).isEqualTo(jdk(twoMillion));
    }

    @Property(tries = 40)
    void equalsTheJdksDigestHoweverTheInputIsCut(@ForAll @IntRange(min = 0, max = 3_000_000) int size,
                                                  @ForAll long seed, @ForAll boolean nativeAllowed) throws Exception {
        byte[] data = random(size, seed);
        assertThat(feed(new Sha256Digest(nativeAllowed), data, seed)).isEqualTo(jdk(data));
    }

    @Test
    void reusableAfterDigestAndReset() throws Exception {
        byte[] big = random(Sha256Digest.COLLECT_LIMIT * 2 + 17, 1);
        byte[] small = random(1000, 2);
        for (boolean nativeAllowed : new boolean[]{true, false}) {
            Sha256Digest md = new Sha256Digest(nativeAllowed);
            assertThat(md.digest(big)).isEqualTo(jdk(big));
            assertThat(md.digest(small)).isEqualTo(jdk(small));
            md.update(big);
            md.reset();
            assertThat(feed(md, small, 3)).isEqualTo(jdk(small));
            assertThat(feed(md, big, 4)).isEqualTo(jdk(big));
        }
    }

    @Test
    void bigInputsGoNativeAndSmallOnesWaitUntilItIsLoaded() {
        if (!NativeSha256.available()) {
            return; // nothing native here: the JDK-only paths are covered above
        }
        Sha256Digest md = new Sha256Digest();
        // loaded already (by available() above): a new digest is native from its first byte
        assertThat(md.mode()).isEqualTo("native");
        assertThat(new Sha256Digest(false).mode()).isEqualTo("collect");
        Sha256Digest jdkOnly = new Sha256Digest(false);
        jdkOnly.update(new byte[Sha256Digest.COLLECT_LIMIT + 1]);
        assertThat(jdkOnly.mode()).isEqualTo("jdk");
    }

    @Test
    void worksUnderDigestInputStream() throws Exception {
        byte[] data = random(3_000_000, 9);
        MessageDigest md = Digest.newMessageDigest(Digest.SHA256);
        try (DigestInputStream in = new DigestInputStream(new java.io.ByteArrayInputStream(data), md)) {
            for (int i = 0; i < 100; i++) {
                assertThat(in.read()).isNotNegative();
            }
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(md.digest()).isEqualTo(jdk(data));
        assertThat(Digest.sha256(data).hex()).isEqualTo(HexFormat.of().formatHex(jdk(data)));
    }

    /** Run in a JVM of its own by the test below: prints which SHA-256 is used and a digest of 3 MB of zeros. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println(Digest.sha256Implementation());
            System.out.println(Digest.sha256(new byte[3_000_000]).hex());
        }
    }

    private static String[] probe(String... jvmOptions) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(java.util.List.of(jvmOptions));
        cmd.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.split("\\R");
    }

    @Test
    void withoutNativeAccessOrWhenTurnedOffTheJdkDoesTheWorkAndNothingIsPrinted() throws Exception {
        String zeros = HexFormat.of().formatHex(jdk(new byte[3_000_000]));
        // a library user who has not enabled native access: no native code, and none of the JDK's warnings about it
        assertThat(probe()).containsExactly("the JDK's", zeros);
        assertThat(probe("--enable-native-access=ALL-UNNAMED", "-Dlading.native.sha256=false")).containsExactly("the JDK's", zeros);
        if (NativeSha256.available()) {
            assertThat(probe("--enable-native-access=ALL-UNNAMED")).containsExactly(
                    "OpenSSL (libcrypto), through the JDK's foreign function API", zeros);
        }
    }
}
