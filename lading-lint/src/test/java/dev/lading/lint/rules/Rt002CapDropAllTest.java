package dev.lading.lint.rules;

import static dev.lading.lint.ComposeRuleTester.lines;
import static dev.lading.lint.ComposeRuleTester.service;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Rt002CapDropAllTest {
    private final Rt002CapDropAll rule = new Rt002CapDropAll();

    @Test
    void firesWithoutDropAllOrWithAddAll() {
        assertThat(lines(rule, service("image: a:1"))).containsExactly(2);
        assertThat(lines(rule, service("cap_drop: [NET_RAW]"))).containsExactly(3);
        assertThat(lines(rule, service("cap_drop: [ALL]", "cap_add: [ALL]"))).containsExactly(4);
    }

    @Test
    void silentOnDropAllWithSomeAddedBack() {
        assertThat(lines(rule, service("cap_drop: [ALL]", "cap_add: [NET_BIND_SERVICE]"))).isEmpty();
        assertThat(lines(rule, service("cap_drop:", "  - all"))).isEmpty();
        assertThat(lines(rule, service("cap_drop: [\"${DROP}\"]"))).isEmpty();
    }
}
