package dev.lading.lint.shellcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import dev.lading.lint.Linter;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ShellCheck through the linter: positions, ignoring, severities, profiles, failures. */
class ShellCheckLintTest {
    private static final String DF = """
            FROM debian:12
            ENV mode=fast
            RUN echo $foo $mode \\
                && echo done
            # hadolint ignore=SC2086
            RUN echo $bar
            """;

    /** Says SC2154 wherever a script mentions $foo or $bar, and counts its calls. */
    private static final class Fake implements ShellChecker {
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public List<Comment> check(List<String> scripts) {
            calls.add(scripts);
            List<Comment> out = new ArrayList<>();
            for (int i = 0; i < scripts.size(); i++) {
                List<String> lines = scripts.get(i).lines().toList();
                for (int l = 0; l < lines.size(); l++) {
                    for (String v : List.of("$foo", "$bar")) {
                        int col = lines.get(l).indexOf(v);
                        if (col >= 0) {
                            out.add(new Comment(i, l + 1, col + 1, l + 1, col + 1 + v.length(), "warning", 2154, v + " is unset"));
                            out.add(new Comment(i, l + 1, col + 1, l + 1, col + 1 + v.length(), "info", 2086, "quote it"));
                        }
                    }
                }
            }
            return out;
        }
    }

    private static LintConfig config(Set<String> ignored, Map<String, Severity> overrides, Optional<String> profile) {
        return new LintConfig(ignored, overrides, Optional.empty(), List.of(), Map.of(), false, Map.of(), List.of(),
                Set.of(), profile);
    }

    @Test
    void findingsCarryTheRunsRealPositionAndOneProcessServesTheFile() {
        Fake fake = new Fake();
        List<Finding> fs = new Linter(List.of(), LintConfig.empty(), Optional.of(fake)).lint("Dockerfile", DF);
        assertThat(fake.calls).hasSize(1);
        assertThat(fake.calls.get(0)).hasSize(2);
        assertThat(fs).extracting(f -> f.ruleId() + "@" + f.line() + ":" + f.column() + " " + f.severity().label())
                .containsExactly("SC2086@3:10 info", "SC2154@3:10 warning", "SC2154@6:10 warning");
        assertThat(fs.get(0).docUrl()).isEqualTo("https://www.shellcheck.net/wiki/SC2086");
    }

    @Test
    void aSharedLinterGivenAShellCheckerReportsBothKindsAndStaysWithoutIt() {
        // lint runs share one linter per configuration and hand each file its own ShellCheck answers
        LintConfig cfg = config(Set.of("LD015"), Map.of("DL3008", Severity.ERROR), Optional.empty());
        Linter shared = Linter.withBuiltinRules(cfg);
        Fake fake = new Fake();
        List<Finding> with = shared.withShellChecker(fake).lint("Dockerfile", DF + "RUN apt-get install -y curl\n");
        List<Finding> without = shared.lint("Dockerfile", DF + "RUN apt-get install -y curl\n");
        assertThat(fake.calls).hasSize(1);
        assertThat(with).extracting(Finding::ruleId).contains("SC2154", "DL3008").doesNotContain("LD015");
        assertThat(with).filteredOn(f -> f.ruleId().equals("DL3008")).allMatch(f -> f.severity() == Severity.ERROR);
        assertThat(without).extracting(Finding::ruleId).doesNotContain("SC2154", "SC2086");
        assertThat(with).filteredOn(f -> !f.ruleId().startsWith("SC")).containsExactlyElementsOf(without);
    }

    @Test
    void scIdsAreIgnoredAndOverriddenLikeRules() {
        List<Finding> fs = new Linter(List.of(), config(Set.of("SC2154"), Map.of("SC2086", Severity.ERROR), Optional.empty()),
                Optional.of(new Fake())).lint("Dockerfile", DF);
        assertThat(fs).extracting(f -> f.ruleId() + "@" + f.line() + " " + f.severity().label()).containsExactly("SC2086@3 error");
    }

    @Test
    void aProfileOlderThanTheIntegrationGetsNoScFindings() {
        Fake fake = new Fake();
        assertThat(new Linter(List.of(), config(Set.of(), Map.of(), Optional.of(Profiles.FIRST)), Optional.of(fake))
                .lint("Dockerfile", DF)).isEmpty();
        assertThat(fake.calls).isEmpty();
    }

    @Test
    void aFailingShellCheckIsOneFindingAndTheRulesStillRun() {
        ShellChecker broken = scripts -> {
            throw new ShellCheckException("shellcheck exited with 3");
        };
        List<Finding> fs = Linter.withBuiltinRules(LintConfig.empty(), broken).lint("Dockerfile", DF);
        assertThat(fs).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo(Linter.SHELLCHECK);
            assertThat(f.message()).contains("exited with 3").contains("--no-shellcheck");
        });
        assertThat(fs).anyMatch(f -> f.ruleId().equals("LD004"));
    }

    @Test
    void withTheRealShellcheckStageVariablesAreNotUnassigned() {
        var sc = ShellCheckProcess.onPath();
        assumeTrue(sc.isPresent(), "shellcheck is not installed");
        List<Finding> fs = new Linter(List.of(), LintConfig.empty(), Optional.of(sc.get())).lint("Dockerfile", DF);
        assertThat(fs).extracting(f -> f.ruleId() + "@" + f.line() + ":" + f.column())
                .contains("SC2154@3:10", "SC2086@3:10").doesNotContain("SC2154@3:15", "SC2086@6:10");
    }
}
