package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3011PortRangeTest {
    private final Dl3011PortRange rule = new Dl3011PortRange();

    @Test
    void firesOutOfRange() {
        assertThat(lines(rule, "FROM a:1\nEXPOSE 80 70000/tcp\nARG P=99999\nEXPOSE 8000-$P\n")).containsExactly(2, 4);
    }

    @Test
    void silentInRangeAndUnknown() {
        assertThat(lines(rule, "FROM a:1\nEXPOSE 0 65535/udp 8000-8010\nEXPOSE $PORT\n")).isEmpty();
    }
}
