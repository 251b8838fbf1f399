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

class Ld025ExposeServerTest {
    private final Ld025ExposeServer rule = new Ld025ExposeServer();

    @Test
    void firesWhenAServerStartsWithoutExpose() {
        assertThat(lines(rule, "FROM a:1\nEXPOSE 80\nFROM b:1\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n")).containsExactly(4);
        assertThat(lines(rule, "FROM a:1\nENTRYPOINT [\"tini\", \"--\"]\nCMD [\"gunicorn\", \"app:app\"]\n")).containsExactly(2);
        assertThat(lines(rule, "FROM a:1\nCMD python3 -m http.server 8000\n")).containsExactly(2);
    }

    @Test
    void silentWithExposeForNonServersAndWhenOptedOut() {
        assertThat(lines(rule, "FROM a:1\nEXPOSE 8080\nCMD [\"uvicorn\", \"app:app\"]\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\nCMD [\"python\", \"job.py\"]\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\nENTRYPOINT [\"/app\", \"nginx\"]\n")).isEmpty();
        LintConfig off = new LintConfig(Set.of(), Map.of(), Optional.empty(), List.of(), Map.of(), false,
                Map.of("LD025", Map.of("server", false)), List.of());
        assertThat(lint(rule, off, "FROM a:1\nCMD [\"nginx\"]\n")).isEmpty();
    }
}
