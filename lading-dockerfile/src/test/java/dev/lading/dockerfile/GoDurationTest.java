package dev.lading.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The cases of Go's own time.ParseDuration tests (time_test.go), which BuildKit's HEALTHCHECK check runs. */
class GoDurationTest {
    private static final long S = 1_000_000_000L;
    private static final long M = 60 * S;
    private static final long H = 60 * M;

    @Test
    void goodDurations() {
        Object[][] cases = {
                {"0", 0L}, {"5s", 5 * S}, {"30s", 30 * S}, {"1478s", 1478 * S},
                {"-5s", -5 * S}, {"+5s", 5 * S}, {"-0", 0L}, {"+0", 0L},
                {"5.0s", 5 * S}, {"5.6s", 5 * S + 600_000_000L}, {"5.s", 5 * S}, {".5s", 500_000_000L},
                {"1.0s", S}, {"1.00s", S}, {"1.004s", S + 4_000_000L}, {"1.0040s", S + 4_000_000L},
                {"100.00100s", 100 * S + 1_000_000L},
                {"10ns", 10L}, {"11us", 11_000L}, {"12\u00b5s", 12_000L}, {"12\u03bcs", 12_000L},
                {"13ms", 13_000_000L}, {"14s", 14 * S}, {"15m", 15 * M}, {"16h", 16 * H},
                {"3h30m", 3 * H + 30 * M}, {"10.5s4m", 4 * M + 10 * S + 500_000_000L},
                {"-2m3.4s", -(2 * M + 3 * S + 400_000_000L)},
                {"1h2m3s4ms5us6ns", H + 2 * M + 3 * S + 4_000_000L + 5_000L + 6L},
                {"39h9m14.425s", 39 * H + 9 * M + 14 * S + 425_000_000L},
                {"52763797000ns", 52_763_797_000L},
                {"0.3333333333333333333h", 20 * M},
                {"9007199254740993ns", 9_007_199_254_740_993L},
                {"9223372036854775807ns", Long.MAX_VALUE},
                {"9223372036854775.807us", Long.MAX_VALUE},
                {"9223372036s854ms775us807ns", Long.MAX_VALUE},
                {"-9223372036854775808ns", Long.MIN_VALUE},
                {"-9223372036854775.808us", Long.MIN_VALUE},
                {"-9223372036s854ms775us808ns", Long.MIN_VALUE},
                {"-2562047h47m16.854775808s", Long.MIN_VALUE},
                {"0.100000000000000000000h", 6 * M},
                {"0.830103483285477580700h", 49 * M + 48 * S + 372_539_827L},
        };
        for (Object[] c : cases) {
            assertThat(GoDuration.parse((String) c[0])).as((String) c[0]).isEqualTo((long) (Long) c[1]);
        }
    }

    @Test
    void badDurations() {
        String[] invalid = {"", "3", "-", "s", ".", "-.", ".s", "+.s", "1d", "\u0085\u0085", "\u00ffff",
                "hello \u00ffff world", "9223372036854775808ns", "9223372036854775.808us", "9223372036s854ms775us808ns",
                "-9223372036854775809ns"};
        for (String s : invalid) {
            assertThatThrownBy(() -> GoDuration.parse(s)).as(s).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("time: ");
        }
        assertThatThrownBy(() -> GoDuration.parse("3")).hasMessage("time: missing unit in duration \"3\"");
        assertThatThrownBy(() -> GoDuration.parse("1d")).hasMessage("time: unknown unit \"d\" in duration \"1d\"");
        assertThatThrownBy(() -> GoDuration.parse("s")).hasMessage("time: invalid duration \"s\"");
    }
}
