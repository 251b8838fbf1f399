package dev.lading.scan.version;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions shared by the scheme tests. */
final class OrderChecks {

    private OrderChecks() {
    }

    /** Each version sorts strictly before every later one. */
    static void ascending(VersionScheme scheme, String... versions) {
        for (int i = 0; i < versions.length; i++) {
            assertThat(scheme.compare(versions[i], versions[i])).as("%s = %s", versions[i], versions[i]).isZero();
            for (int j = i + 1; j < versions.length; j++) {
                assertThat(scheme.compare(versions[i], versions[j])).as("%s < %s", versions[i], versions[j]).isNegative();
                assertThat(scheme.compare(versions[j], versions[i])).as("%s > %s", versions[j], versions[i]).isPositive();
            }
        }
    }

    /** All versions compare equal. */
    static void equal(VersionScheme scheme, String... versions) {
        for (String a : versions) {
            for (String b : versions) {
                assertThat(scheme.compare(a, b)).as("%s = %s", a, b).isZero();
            }
        }
    }

    static void invalid(VersionScheme scheme, String... versions) {
        for (String v : versions) {
            assertThat(scheme.isValid(v)).as("valid: [%s]", v).isFalse();
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException().as("[%s]", v)
                    .isThrownBy(() -> scheme.compare(v, v));
        }
    }

    /**
     * That {@code compare} is a total order on {@code versions}: sorting succeeds, every earlier element is at
     * most every later one (transitivity along the sorted list), and swapping the arguments flips the sign.
     */
    static void totalOrder(VersionScheme scheme, List<String> versions) {
        List<String> sorted = new ArrayList<>(versions);
        sorted.sort(scheme::compare);
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i; j < sorted.size(); j++) {
                String a = sorted.get(i);
                String b = sorted.get(j);
                int ab = scheme.compare(a, b);
                assertThat(ab).as("%s <= %s", a, b).isLessThanOrEqualTo(0);
                assertThat(scheme.compare(b, a)).as("antisymmetric: %s vs %s", b, a).isEqualTo(-ab);
            }
        }
    }
}
