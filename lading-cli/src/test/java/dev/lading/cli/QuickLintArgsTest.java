package dev.lading.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@link LintCommand#quick} reads a common lint command line without picocli: whatever it accepts, it must read
 * exactly as picocli does, every option of the command and of its registry flags; anything else it leaves to
 * picocli.
 */
class QuickLintArgsTest {

    /** The value of every option and parameter field (lint's and its mixin's), by name, as parsed. */
    private static List<String> options(LintCommand c) throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        collect(c, out);
        collect(c.registry, out);
        return out;
    }

    private static void collect(Object o, List<String> out) throws IllegalAccessException {
        for (Field f : o.getClass().getDeclaredFields()) {
            if (f.isAnnotationPresent(CommandLine.Option.class) || f.isAnnotationPresent(CommandLine.Parameters.class)) {
                f.setAccessible(true);
                Object v = f.get(o);
                // picocli may leave an unused list null or empty: both mean "not given"
                if (v instanceof List<?> l && l.isEmpty()) {
                    v = null;
                }
                out.add(f.getName() + "=" + v);
            }
        }
    }

    private static LintCommand picocli(List<String> args) {
        LintCommand c = new LintCommand();
        new CommandLine(c).parseArgs(args.toArray(String[]::new));
        return c;
    }

    private static final List<String> WORDS = List.of("--no-shellcheck", "--no-color", "--format", "json", "text",
            "--format=sarif", "--failure-threshold", "error", "--failure-threshold=none", "--ignore", "DL3008",
            "--ignore=LD001", "dir", "a/Dockerfile", ".", "--config", "x.yaml", "--fix", "-h", "--help", "@args",
            "--", "-", "--ignore=", "--no-color=true", "--explain", "LD004", "--tls-verify", "--format=-x", "");

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void whatItAcceptsItReadsAsPicocliDoes(long seed) throws Exception {
        Random r = new Random(seed);
        List<String> args = new ArrayList<>();
        int n = r.nextInt(7);
        for (int i = 0; i < n; i++) {
            args.add(WORDS.get(r.nextInt(WORDS.size())));
        }
        Optional<LintCommand> quick = LintCommand.quick(args);
        if (quick.isEmpty()) {
            return; // picocli reads it
        }
        LintCommand expected;
        try {
            expected = picocli(args);
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("the quick reading accepted " + args + ", which picocli rejects: " + e.getMessage());
        }
        assertThat(options(quick.get())).as(args.toString()).isEqualTo(options(expected));
    }

    @Test
    void theCommonCommandLinesAreReadQuicklyAndTheRestAreNot() throws Exception {
        for (List<String> args : List.of(List.<String>of(), List.of("."), List.of("--no-shellcheck", "--format", "json", "dir"),
                List.of("Dockerfile", "--format=sarif", "--failure-threshold", "error", "--ignore", "DL3008", "--ignore=LD001"),
                List.of("--no-color", "a", "b"))) {
            assertThat(LintCommand.quick(args)).as(args.toString()).isPresent();
            assertThat(options(LintCommand.quick(args).orElseThrow())).isEqualTo(options(picocli(args)));
        }
        for (List<String> args : List.of(List.of("--help"), List.of("--fix", "."), List.of("--config", "c.yaml"),
                List.of("--format", "json", "--format", "text"), List.of("--format"), List.of("@args"),
                List.of("--", "-dir"), List.of("--ignore", "-x"), List.of("--no-color=true"), List.of("--explain", "LD004"),
                List.of("--tls-verify=false", "."))) {
            assertThat(LintCommand.quick(args)).as(args.toString()).isEmpty();
        }
    }

    /** A failure in a quickly read run is reported as picocli's handler reports it. */
    @Test
    void aQuickRunReportsAFailureAsTheHandlerDoes() {
        java.io.StringWriter text = new java.io.StringWriter();
        int code = Main.failure(new IllegalArgumentException("bad input"), "lint", new java.io.PrintWriter(text, true));
        assertThat(code).isEqualTo(CliException.USAGE);
        assertThat(text.toString()).isEqualTo("lading lint: bad input" + System.lineSeparator());
    }
}
