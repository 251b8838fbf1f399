package dev.lading.lint.rules;

import static dev.lading.lint.ComposeRuleTester.lines;
import static dev.lading.lint.ComposeRuleTester.service;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Rt003NoNewPrivilegesTest {
    private final Rt003NoNewPrivileges rule = new Rt003NoNewPrivileges();

    @Test
    void firesWithoutIt() {
        assertThat(lines(rule, service("image: a:1"))).containsExactly(2);
        assertThat(lines(rule, service("security_opt: [\"apparmor:unconfined\"]"))).containsExactly(3);
        assertThat(lines(rule, service("security_opt: [\"no-new-privileges:false\"]"))).containsExactly(3);
    }

    @Test
    void silentOnEverySpellingDockerAccepts() {
        assertThat(lines(rule, service("security_opt: [\"no-new-privileges:true\"]"))).isEmpty();
        assertThat(lines(rule, service("security_opt:", "  - no-new-privileges=true"))).isEmpty();
        assertThat(lines(rule, service("security_opt:", "  - no-new-privileges"))).isEmpty();
        assertThat(lines(rule, service("security_opt:", "  - no-new-privileges: true"))).isEmpty();
    }
}
