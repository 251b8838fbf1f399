package dev.lading.scan.version;

import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;

import static dev.lading.scan.version.OrderChecks.ascending;
import static dev.lading.scan.version.OrderChecks.equal;
import static org.assertj.core.api.Assertions.assertThat;

class MavenVersionTest {
    private final MavenVersion maven = new MavenVersion();

    @Test
    void qualifiersInMavensOrder() {
        String[] chain = {"1-alpha", "1-alpha-1", "1-a2", "1-beta", "1-b1", "1-milestone", "1-m2", "1-rc", "1-rc1", "1-snapshot", "1",
            "1-sp", "1-sp1", "1-abc", "1-xyz"};
        ascending(maven, chain);
        mavenItselfAscending(ComparableVersion::new, chain);
    }

    @Test
    void releaseSpellingsAndTrailingZerosAreEqual() {
        String[] same = {"1", "1.0", "1.0.0", "1-ga", "1.GA", "1-final", "1.Final", "1-release", "1.RELEASE", "1-0", "1.0-0.0"};
        equal(maven, same);
        mavenItselfEqual(ComparableVersion::new, same);
        equal(maven, "1-rc1", "1-cr1", "1.0-RC1", "1-CR-1");
        equal(maven, "1-a1", "1-alpha-1", "1-ALPHA1");
    }

    @Test
    void numbersBeforeSublistsBeforeQualifiers() {
        String[] chain = {"1-foo", "1-1", "1.1", "1.9", "1.10", "1.99999999999999999999999", "1.100000000000000000000000", "2"};
        ascending(maven, chain);
        mavenItselfAscending(ComparableVersion::new, chain);
    }

    /**
     * Maven's order is not transitive when a qualifier after a dot, a nested list and a missing item meet at
     * the same place. lading reproduces Maven here rather than inventing an order Maven does not have: a
     * vulnerability range is evaluated the way Maven would resolve it.
     */
    @Test
    void reproducesMavensOwnCycle() {
        String[] cycle = {"1.0.cr", "1", "1.foo-bar", "1.0.cr"};
        for (int i = 0; i + 1 < cycle.length; i++) {
            assertThat(maven.compare(cycle[i], cycle[i + 1])).as("%s < %s", cycle[i], cycle[i + 1]).isNegative();
            assertThat(new ComparableVersion(cycle[i]).compareTo(new ComparableVersion(cycle[i + 1]))).isNegative();
        }
    }

    @Test
    void anyStringIsAVersion() {
        assertThat(maven.isValid("")).isTrue();
        assertThat(maven.isValid("not a version..--")).isTrue();
        assertThat(maven.isValid(null)).isFalse();
        assertThat(maven.compare("", "0")).isZero();
    }

    /** Lets the chain assertions run against Maven itself, so a wrong expectation here fails too. */
    private static void mavenItselfAscending(java.util.function.Function<String, ComparableVersion> parse, String... versions) {
        OrderChecks.ascending(scheme(parse), versions);
    }

    private static void mavenItselfEqual(java.util.function.Function<String, ComparableVersion> parse, String... versions) {
        OrderChecks.equal(scheme(parse), versions);
    }

    private static VersionScheme scheme(java.util.function.Function<String, ComparableVersion> parse) {
        return new VersionScheme() {
            @Override
            public String name() {
                return "maven-artifact";
            }

            @Override
            public boolean isValid(String version) {
                return true;
            }

            @Override
            public int compare(String a, String b) {
                return Integer.signum(parse.apply(a).compareTo(parse.apply(b)));
            }
        };
    }
}
