package dev.lading.lint.shellcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import dev.lading.lint.Linter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefetchedShellCheckTest {

    /** Reports SC2154 on the last line of every script, and counts its calls. */
    private static final class Counting implements ShellChecker {
        final List<Integer> calls = new ArrayList<>();

        @Override
        public List<Comment> check(List<String> scripts) {
            calls.add(scripts.size());
            List<Comment> out = new ArrayList<>();
            for (int i = 0; i < scripts.size(); i++) {
                int last = (int) scripts.get(i).lines().count();
                out.add(new Comment(i, last, 5, last, 9, "warning", 2154, "script " + i));
            }
            return out;
        }
    }

    @Test
    void everyFileIsAnsweredFromOneRun(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.Dockerfile"), "FROM debian:12\nRUN echo $a\nRUN echo $b\n");
        Path b = Files.writeString(dir.resolve("b.Dockerfile"), "FROM debian:12\nRUN echo $c\n");
        Path broken = Files.writeString(dir.resolve("c.Dockerfile"), "FROM debian:12\nFOO bar\n");
        Counting real = new Counting();
        Map<Path, ShellChecker> each = PrefetchedShellCheck.of(real, List.of(a, b, broken));
        assertThat(real.calls).containsExactly(3);
        List<Finding> fa = new Linter(List.of(), LintConfig.empty(), Optional.of(each.get(a))).lint(a, "a");
        List<Finding> fb = new Linter(List.of(), LintConfig.empty(), Optional.of(each.get(b))).lint(b, "b");
        assertThat(fa).extracting(f -> f.line() + " " + f.message()).containsExactly("2 script 0", "3 script 1");
        assertThat(fb).extracting(f -> f.line() + " " + f.message()).containsExactly("2 script 2"); // the third script of the one run
        assertThat(real.calls).containsExactly(3);
        // scripts that differ from the prefetched ones are checked afresh
        assertThat(each.get(b).check(List.of("#!/bin/sh\necho\n"))).hasSize(1);
        assertThat(real.calls).containsExactly(3, 1);
    }

    @Test
    void aFailureReachesEveryFile(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("Dockerfile"), "FROM debian:12\nRUN echo $a\n");
        ShellChecker failing = scripts -> {
            throw new ShellCheckException("boom");
        };
        ShellChecker forA = PrefetchedShellCheck.of(failing, List.of(a)).get(a);
        String script = RunScripts.of(dev.lading.dockerfile.DockerfileParser.parse("x", Files.readString(a)),
                Files.readString(a)).get(0).script();
        assertThatThrownBy(() -> forA.check(List.of(script))).hasMessage("boom");
    }
}
