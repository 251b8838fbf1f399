package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3035ZypperDistUpgradeTest {
    private final Dl3035ZypperDistUpgrade rule = new Dl3035ZypperDistUpgrade();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM opensuse/leap:15
                RUN zypper -n dist-upgrade
                RUN zypper dup -y
                """)).containsExactly(2, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM opensuse/leap:15
                RUN zypper -n update && zypper -n install x
                RUN echo dist-upgrade
                """)).isEmpty();
    }
}
