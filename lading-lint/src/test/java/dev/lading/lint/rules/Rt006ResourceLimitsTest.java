package dev.lading.lint.rules;

import static dev.lading.lint.ComposeRuleTester.lint;
import static dev.lading.lint.ComposeRuleTester.lines;
import static dev.lading.lint.ComposeRuleTester.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.Finding;
import org.junit.jupiter.api.Test;

class Rt006ResourceLimitsTest {
    private final Rt006ResourceLimits rule = new Rt006ResourceLimits();

    @Test
    void firesAtTheServiceNamingWhatIsMissing() {
        assertThat(lint(rule, service("image: a:1"))).extracting(Finding::line).containsExactly(2);
        assertThat(lint(rule, service("mem_limit: 512m", "cpus: 0.5"))).extracting(Finding::message)
                .singleElement().asString().contains("no limit on pids:");
        assertThat(lint(rule, service("deploy:", "  resources:", "    limits:", "      cpus: \"0.5\"",
                "      memory: 0", "      pids: -1"))).extracting(Finding::message)
                .singleElement().asString().contains("no limit on memory, pids:");
    }

    @Test
    void silentWhenAllThreeAreSetEitherWay() {
        assertThat(lines(rule, service("deploy:", "  resources:", "    limits:", "      cpus: \"0.5\"",
                "      memory: 256M", "      pids: 100"))).isEmpty();
        assertThat(lines(rule, service("mem_limit: 512m", "cpus: 1", "pids_limit: 200"))).isEmpty();
        assertThat(lines(rule, service("mem_limit: ${MEM}", "cpu_quota: 50000", "pids_limit: 200"))).isEmpty();
    }
}
