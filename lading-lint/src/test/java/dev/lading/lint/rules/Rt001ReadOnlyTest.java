package dev.lading.lint.rules;

import static dev.lading.lint.ComposeRuleTester.lines;
import static dev.lading.lint.ComposeRuleTester.service;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Rt001ReadOnlyTest {
    private final Rt001ReadOnly rule = new Rt001ReadOnly();

    @Test
    void firesWithoutReadOnlyAtTheServiceAndOnFalseAtTheKey() {
        assertThat(lines(rule, service("image: nginx:1.27"))).containsExactly(2);
        assertThat(lines(rule, service("image: nginx:1.27", "read_only: false"))).containsExactly(4);
        assertThat(lines(rule, service("read_only: \"no\""))).containsExactly(3);
    }

    @Test
    void silentOnReadOnlyAVariableOrNoServices() {
        assertThat(lines(rule, service("image: nginx:1.27", "read_only: true", "tmpfs: [/tmp]"))).isEmpty();
        assertThat(lines(rule, service("read_only: ${READ_ONLY}"))).isEmpty();
        assertThat(lines(rule, "volumes:\n  data: {}\n")).isEmpty();
        assertThat(lines(rule, "")).isEmpty();
    }
}
