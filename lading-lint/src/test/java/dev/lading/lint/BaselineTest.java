package dev.lading.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lading.lint.rules.Dl3014AptYes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineTest {
    private static final Linter LINTER = new Linter(List.of(new Dl3014AptYes()), LintConfig.empty());

    private static final String BEFORE = """
            FROM debian:12
            RUN apt-get install curl
            """;

    private static List<Finding> lint(String text) {
        return LINTER.lint("Dockerfile", text);
    }

    private static Baseline roundTrip(String text) {
        List<Finding> found = lint(text);
        return Baseline.parse(Baseline.toJson(found, Map.of("Dockerfile", text)::get));
    }

    @Test
    void aBaselinedFindingStaysSuppressedWhenLinesAreInsertedAboveIt() {
        Baseline b = roundTrip(BEFORE);
        String after = """
                # syntax=docker/dockerfile:1
                FROM debian:12
                ENV DEBIAN_FRONTEND=noninteractive

                RUN   apt-get install \\
                      curl
                """;
        List<Finding> found = lint(after);
        assertThat(found).hasSize(1);
        assertThat(b.newFindings(found, Map.of("Dockerfile", after)::get)).isEmpty();
    }

    @Test
    void aNewFindingOfTheSameRuleElsewhereIsReported() {
        Baseline b = roundTrip(BEFORE);
        String after = BEFORE + "RUN apt-get install wget\nRUN apt-get install curl\n";
        List<Finding> fresh = b.newFindings(lint(after), Map.of("Dockerfile", after)::get);
        // the wget install is new; the second identical curl install is a second occurrence, also new
        assertThat(fresh).extracting(Finding::line).containsExactly(3, 4);
    }

    @Test
    void anotherFileIsNotCoveredAndStaleEntriesAreHarmless() {
        Baseline b = roundTrip(BEFORE);
        List<Finding> other = LINTER.lint("svc/Dockerfile", BEFORE);
        assertThat(b.newFindings(other, Map.of("svc/Dockerfile", BEFORE)::get)).hasSize(1);
        String fixed = "FROM debian:12\nRUN apt-get install -y curl\n";
        assertThat(b.newFindings(lint(fixed), Map.of("Dockerfile", fixed)::get)).isEmpty();
    }

    @Test
    void theFileCarriesAVersionAndOtherVersionsAreRefused() {
        String json = Baseline.toJson(lint(BEFORE), Map.of("Dockerfile", BEFORE)::get);
        assertThat(json).contains("\"version\" : 1").contains("\"rule\" : \"DL3014\"");
        assertThatThrownBy(() -> Baseline.parse(json.replace("\"version\" : 1", "\"version\" : 9")))
                .hasMessageContaining("version 9");
        assertThatThrownBy(() -> Baseline.parse("[]")).hasMessageContaining("not a lading lint baseline");
        assertThatThrownBy(() -> Baseline.parse("{")).hasMessageContaining("not JSON");
    }

    @Test
    void normalisingIgnoresLayoutOnly() {
        assertThat(Baseline.normalise("RUN  apt-get \\\n   install x\n"))
                .isEqualTo(Baseline.normalise("RUN apt-get install x"));
        assertThat(Baseline.normalise("RUN apt-get install x")).isNotEqualTo(Baseline.normalise("RUN apt-get install y"));
    }

    @Test
    void aFindingAboutTheWholeFileDoesNotDependOnLineOne() {
        Linter whole = new Linter(List.of(new dev.lading.lint.rules.Ld001SyntaxDirective()), LintConfig.empty());
        Baseline b = Baseline.of(whole.lint("Dockerfile", BEFORE), Map.of("Dockerfile", BEFORE)::get);
        String after = "# a new first line\n" + BEFORE;
        List<Finding> found = whole.lint("Dockerfile", after);
        assertThat(found).hasSize(1);
        assertThat(b.newFindings(found, Map.of("Dockerfile", after)::get)).isEmpty();
    }
}
