package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.LintConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Dl3026TrustedRegistryTest {
    private final Dl3026TrustedRegistry rule = new Dl3026TrustedRegistry();

    private static LintConfig trusting(String... registries) {
        return new LintConfig(Set.of(), Map.of(), Optional.empty(), List.of(registries), Map.of(), false, Map.of(), List.of());
    }

    @Test
    void firesOnUntrustedRegistries() {
        assertThat(lint(rule, trusting("ghcr.io"), "FROM debian:12\nFROM quay.io/x/y:1\nFROM ghcr.io/a/b:1\n"))
                .extracting(f -> f.line()).containsExactly(1, 2);
    }

    @Test
    void silentWhenTrustedOrNotConfigured() {
        assertThat(lint(rule, trusting("docker.io", "*.example.com"),
                "FROM debian:12 AS a\nFROM registry.example.com/app:1\nFROM a\nFROM scratch\n")).isEmpty();
        assertThat(lines(rule, "FROM quay.io/x/y:1\n")).isEmpty();
    }
}
