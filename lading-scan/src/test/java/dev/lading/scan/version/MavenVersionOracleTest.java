package dev.lading.scan.version;

import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** MavenVersion against maven-artifact's ComparableVersion, the code Maven itself resolves versions with. */
@Tag("integration")
class MavenVersionOracleTest {
    private final MavenVersion maven = new MavenVersion();

    @Test
    void everyPairOfGeneratedVersionsOrdersAsComparableVersion() {
        List<String> versions = new ArrayList<>(VersionSamples.generate(20261205, 500, VersionSamples::maven));
        versions.addAll(VersionSamples.generate(11, 250, VersionSamples::mavenConventional));
        versions.addAll(VersionSamples.generate(12, 250, r -> mutate(r, VersionSamples.maven(r))));
        List<String> wrong = new ArrayList<>();
        int pairs = 0;
        for (String a : versions) {
            ComparableVersion ca = new ComparableVersion(a);
            for (String b : versions) {
                int theirs = Integer.signum(ca.compareTo(new ComparableVersion(b)));
                pairs++;
                if (maven.compare(a, b) != theirs && wrong.size() < 50) {
                    wrong.add("[" + a + "] vs [" + b + "]: lading " + maven.compare(a, b) + ", maven " + theirs);
                }
            }
        }
        assertThat(wrong).as("%d pairs compared", pairs).isEmpty();
        OrderChecks.totalOrder(maven, VersionSamples.generate(13, 500, VersionSamples::mavenConventional));
    }

    /** Odd characters Maven still has to split somewhere: separators in a row, spaces, non-ASCII letters and digits. */
    private static String mutate(Random r, String v) {
        StringBuilder s = new StringBuilder(v);
        int edits = 1 + r.nextInt(3);
        for (int i = 0; i < edits; i++) {
            String c = VersionSamples.pick(r, ".", "-", "..", "--", "_", " ", "+", "é", "İ", "٣", "0", "x", "1");
            s.insert(r.nextInt(s.length() + 1), c);
        }
        return s.toString();
    }
}
