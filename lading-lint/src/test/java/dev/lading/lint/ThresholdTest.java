package dev.lading.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A threshold fails a run on findings of its own severity and worse; NONE never does. */
class ThresholdTest {
    @Test
    void eachThresholdFailsOnItsSeverityAndTheMoreSevereOnes() {
        for (Threshold t : Threshold.values()) {
            for (Severity s : Severity.values()) {
                boolean expected = t != Threshold.NONE && s.atLeast(Severity.valueOf(t.name()));
                assertThat(t.fails(s)).as(t + " on " + s).isEqualTo(expected);
            }
        }
        assertThat(Threshold.WARNING.fails(Severity.ERROR)).isTrue();
        assertThat(Threshold.WARNING.fails(Severity.INFO)).isFalse();
        assertThat(Threshold.NONE.fails(Severity.ERROR)).isFalse();
        assertThat(Severity.STYLE.label()).isEqualTo("style");
    }
}
