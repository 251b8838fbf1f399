package dev.lading.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk Main starts from the raw command line, and when lint may take it. */
class WalkAheadTest {

    @Test
    void guessesTheDirectoriesOfALintCommandLine(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Path file = Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
        assertThat(WalkAhead.roots(List.of())).contains(List.of(Path.of(".")));
        assertThat(WalkAhead.roots(List.of("--format", "json", a.toString(), "--no-shellcheck", b.toString())))
                .contains(List.of(a, b));
        // an option's value is not a directory to search, even when it names one
        assertThat(WalkAhead.roots(List.of("--config", a.toString(), "--tls-verify", "false", b.toString())))
                .contains(List.of(b));
        assertThat(WalkAhead.roots(List.of("--", "-x")).isEmpty()).isTrue(); // "-x" is a path here: not a directory
        // nothing to walk, or a file: no walk ahead
        assertThat(WalkAhead.roots(List.of(file.toString()))).isEmpty();
        assertThat(WalkAhead.roots(List.of("--explain", "LD001"))).isEmpty();
        assertThat(WalkAhead.roots(List.of("--help"))).isEmpty();
        assertThat(WalkAhead.roots(List.of(dir.resolve("missing").toString()))).isEmpty();
    }

    /** The guess's list of options with a value is lint's own: an option added to lint must be added there. */
    @Test
    void knowsEveryLintOptionThatTakesAValue() {
        java.util.Set<String> declared = new java.util.TreeSet<>();
        for (Class<?> c : List.of(LintCommand.class, RegistryFlags.class)) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                picocli.CommandLine.Option o = f.getAnnotation(picocli.CommandLine.Option.class);
                boolean flag = f.getType() == boolean.class || o != null && o.arity().startsWith("0");
                if (o != null && !flag) {
                    declared.addAll(List.of(o.names()));
                }
            }
        }
        assertThat(declared).containsExactlyInAnyOrderElementsOf(WalkAhead.WITH_VALUE);
    }

    @Test
    void lintTakesTheWalkOnlyForTheSameDirectories(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Files.writeString(a.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(a.resolve(".dockerignore"), ".git\n");
        WalkAhead.start(List.of(a.toString()));
        assertThat(WalkAhead.take(List.of(dir))).isEmpty(); // another directory: walked by lint itself
        assertThat(WalkAhead.take(List.of(a))).isEmpty(); // taken (and dropped) once already

        WalkAhead.start(List.of("--format", "json", a.toString()));
        WalkAhead.Result r = WalkAhead.take(List.of(a)).orElseThrow();
        assertThat(r.found()).containsExactly(List.of(a.resolve("Dockerfile")));
        assertThat(r.listed().get(a.toAbsolutePath().normalize())).contains(".dockerignore");
    }

    @Test
    void aLintStartedFromMainGivesTheReportOfALintOnItsOwn(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 20; i++) {
            Path d = Files.createDirectories(dir.resolve("d" + i));
            Files.writeString(d.resolve("Dockerfile"), "FROM debian:latest\nRUN apt-get install curl\n");
        }
        String alone = LintCommandTest.lint("--no-shellcheck", "--format", "json", dir.toString()).out();
        WalkAhead.start(List.of("--no-shellcheck", "--format", "json", dir.toString()));
        String ahead = LintCommandTest.lint("--no-shellcheck", "--format", "json", dir.toString()).out();
        assertThat(ahead).isEqualTo(alone).contains("DL3007");
    }
}
