package dev.lading.scan.version;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties every scheme must have: a total order on versions generated from its grammar, and no failure
 * other than IllegalArgumentException on any string at all.
 */
class VersionOrderPropertiesTest {

    private static final List<VersionScheme> SCHEMES = List.of(new DebianVersion(), new ApkVersion(), new MavenVersion(),
            new Pep440Version(), new SemverVersion(), new NpmVersion());

    @Test
    void debianIsATotalOrderOnGeneratedVersions() {
        List<String> versions = VersionSamples.generate(1, 300, VersionSamples::debian);
        assertThat(versions).allMatch(new DebianVersion()::isValid);
        OrderChecks.totalOrder(new DebianVersion(), versions);
    }

    @Test
    void apkIsATotalOrderOnGeneratedVersions() {
        List<String> versions = VersionSamples.generate(2, 300, VersionSamples::apk);
        assertThat(versions).allMatch(new ApkVersion()::isValid);
        OrderChecks.totalOrder(new ApkVersion(), versions);
    }

    @Test
    void mavenIsATotalOrderOnConventionalVersions() {
        OrderChecks.totalOrder(new MavenVersion(), VersionSamples.generate(3, 300, VersionSamples::mavenConventional));
    }

    @Test
    void pep440IsATotalOrderOnGeneratedVersions() {
        List<String> versions = VersionSamples.generate(4, 300, VersionSamples::pep440);
        assertThat(versions).allMatch(new Pep440Version()::isValid);
        OrderChecks.totalOrder(new Pep440Version(), versions);
    }

    @Test
    void semverIsATotalOrderOnGeneratedVersions() {
        List<String> versions = VersionSamples.generate(5, 300, r -> VersionSamples.semver(r, false));
        assertThat(versions).allMatch(new SemverVersion()::isValid);
        OrderChecks.totalOrder(new SemverVersion(), versions);
    }

    @Test
    void npmIsATotalOrderOnGeneratedVersions() {
        List<String> versions = VersionSamples.generate(6, 300, VersionSamples::npm);
        assertThat(versions).allMatch(new NpmVersion()::isValid);
        OrderChecks.totalOrder(new NpmVersion(), versions);
    }

    @Property(tries = 2000)
    void garbageIsRejectedWithoutAnyOtherException(@ForAll("garbage") String a, @ForAll("garbage") String b) {
        for (VersionScheme scheme : SCHEMES) {
            boolean validA = scheme.isValid(a);
            boolean validB = scheme.isValid(b);
            try {
                int c = scheme.compare(a, b);
                assertThat(validA && validB).as("%s compared [%s] and [%s]", scheme.name(), a, b).isTrue();
                assertThat(scheme.compare(b, a)).isEqualTo(-c);
            } catch (IllegalArgumentException e) {
                assertThat(validA && validB).as("%s refused [%s] and [%s]", scheme.name(), a, b).isFalse();
            }
        }
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<String> versionish = Arbitraries.strings().withChars("0123456789.-_+~:!=v abcrABCR\t").ofMaxLength(30);
        Arbitrary<String> long1 = Arbitraries.strings().withChars("0123456789.").ofMinLength(250).ofMaxLength(300);
        return Arbitraries.oneOf(anything, versionish, versionish, long1);
    }
}
