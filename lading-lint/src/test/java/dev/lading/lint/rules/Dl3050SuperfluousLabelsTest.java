package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Dl3050SuperfluousLabelsTest {
    private final Dl3050SuperfluousLabels rule = new Dl3050SuperfluousLabels();

    private static LintConfig strict(boolean strict) {
        return new LintConfig(Set.of(), Map.of(), Optional.empty(), List.of(), Map.of("version", "semver"), strict,
                Map.of(), List.of());
    }

    private List<Integer> lines(LintConfig c, String df) {
        return lint(rule, c, df).stream().map(Finding::line).toList();
    }

    @Test
    void firesOncePerLabelInstructionWithALabelOutsideTheSchema() {
        List<Finding> fs = lint(rule, strict(true), "FROM a:1\nLABEL version=1.0.0 team=x other=y\nLABEL version=2.0.0\nLABEL x=1\n");
        assertThat(fs).extracting(Finding::line).containsExactly(2, 4);
        assertThat(fs.get(0).message()).contains("team, other");
    }

    @Test
    void silentWithoutStrictLabelsOrWithUnknownKeys() {
        assertThat(lines(strict(false), "FROM a:1\nLABEL team=x\n")).isEmpty();
        assertThat(lines(strict(true), "FROM a:1\nARG K\nLABEL ${K}=x version=1.0.0\n")).isEmpty();
    }
}
