package dev.lading.scan.version;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.lading.scan.version.OrderChecks.ascending;
import static dev.lading.scan.version.OrderChecks.equal;
import static dev.lading.scan.version.OrderChecks.invalid;
import static org.assertj.core.api.Assertions.assertThat;

class ApkVersionTest {
    private final ApkVersion apk = new ApkVersion();

    /** apk-tools' own comparison vectors (test resource version/apk-version.data, provenance in its header). */
    @Test
    void agreesWithEveryApkToolsTestVector() throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(getClass().getResourceAsStream("/version/apk-version.data")), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                int hash = line.indexOf('#');
                String data = (hash < 0 ? line : line.substring(0, hash)).strip();
                if (!data.isEmpty()) {
                    lines.add(data);
                }
            }
        }
        assertThat(lines).hasSizeGreaterThan(700);
        List<String> wrong = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\\s+");
            int expected = switch (f[1]) {
                case "<" -> -1;
                case "=" -> 0;
                case ">" -> 1;
                default -> throw new AssertionError(line);
            };
            if (ApkVersion.apkOrder(f[0], f[2]) != expected || ApkVersion.apkOrder(f[2], f[0]) != -expected) {
                wrong.add(line);
            }
            if (apk.isValid(f[0]) && apk.isValid(f[2]) && apk.compare(f[0], f[2]) != expected) {
                wrong.add(line + " (compare)");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void suffixesOrderAroundTheRelease() {
        ascending(apk, "1.0_alpha", "1.0_alpha1", "1.0_alpha2_pre1", "1.0_alpha2", "1.0_beta", "1.0_pre", "1.0_rc1", "1.0",
                "1.0_cvs", "1.0_svn", "1.0_git", "1.0_hg", "1.0_p1", "1.0_p2");
    }

    @Test
    void aLeadingZeroAfterADotComparesAsAString() {
        ascending(apk, "1.0", "1.00", "1.010", "1.02", "1.1", "1.9", "1.10");
        // the first number always compares numerically
        equal(apk, "01.0", "1.0", "001.0");
    }

    @Test
    void revisionsLettersAndHashes() {
        ascending(apk, "1.2.3", "1.2.3-r0", "1.2.3-r1", "1.2.3-r10", "1.2.3a", "1.2.3b-r0", "1.2.4");
        // a commit hash, like a revision, makes the version greater than the bare one
        ascending(apk, "1.0", "1.0-r1", "1.0~abc", "1.0~abc-r1", "1.0~abd", "1.0~b");
        ascending(apk, "1.0.99999999999999999999999", "1.0.100000000000000000000000");
    }

    @Test
    void rejectsWhatApkRejects() {
        invalid(apk, "", "a", "v1.0", "1.0-", "1.0-r", "1.0-1", "1.0_foo", "1..0", "1.", "1.0bc", "1.0A", "1.0~",
                "1.0-r1-r2", "1.0-r1_p1", "1.0a.1", "1.0_", "1.0~ABC", "1.0 ", "1.0_p1a");
        assertThat(apk.isValid(null)).isFalse();
        assertThat(apk.isValid("1.0_alpha_beta1_p~00ff-r7")).isTrue();
    }
}
