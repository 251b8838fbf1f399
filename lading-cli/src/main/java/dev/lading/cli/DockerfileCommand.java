package dev.lading.cli;

import dev.lading.dockerfile.Directive;
import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.DockerfileParseException;
import dev.lading.dockerfile.DockerfileParser;
import dev.lading.dockerfile.DockerfilePrinter;
import dev.lading.dockerfile.Heredoc;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Add;
import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Run;
import dev.lading.dockerfile.ParseWarning;
import dev.lading.dockerfile.Stage;
import dev.lading.dockerfile.json.DockerfileJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lading dockerfile …}: the Dockerfile front end on its own.
 *
 * <p>Exit codes follow DESIGN.md: 0 parsed, 1 the Dockerfile has an error (printed as
 * {@code FILE:LINE:COL: error: message} plus a hint on stderr), 2 usage error (picocli's default),
 * 3 the file could not be read.
 */
@Command(name = "dockerfile",
        mixinStandardHelpOptions = true,
        description = {"Parse and inspect Dockerfiles exactly as BuildKit reads them."},
        subcommands = {DockerfileCommand.Parse.class})
public final class DockerfileCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Output formats of {@code parse}. */
    enum Format { text, json }

    @Command(name = "parse",
            mixinStandardHelpOptions = true,
            description = {"Parse a Dockerfile and print its syntax tree.",
                    "Errors are reported as FILE:LINE:COL: error: message, with a hint."})
    static final class Parse implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The Dockerfile to parse.")
        private Path file;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text (default) or json (the documented DockerfileJson shape).")
        private Format format;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String text;
            try {
                // invalid UTF-8 is replaced rather than rejected, as BuildKit reads bytes leniently
                text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                err.println(file + ": error: no such file");
                err.flush();
                return 3;
            } catch (IOException e) {
                err.println(file + ": error: cannot read: " + e.getMessage());
                err.flush();
                return 3;
            }
            Dockerfile dockerfile;
            try {
                dockerfile = DockerfileParser.parse(file.toString(), text);
            } catch (DockerfileParseException e) {
                err.println(e.fileName() + ":" + e.line() + ":" + e.column() + ": error: " + e.problem());
                if (!e.hint().isEmpty()) {
                    err.println("  hint: " + e.hint());
                }
                err.flush();
                return 1;
            }
            for (ParseWarning w : dockerfile.warnings()) {
                err.println(file + ":" + w.range().start().line() + ":" + w.range().start().column() + ": warning: " + w.message());
            }
            err.flush();
            if (format == Format.json) {
                out.println(DockerfileJson.toJson(dockerfile));
            } else {
                printText(out, dockerfile);
            }
            out.flush();
            return 0;
        }

        private static void printText(PrintWriter out, Dockerfile d) {
            for (Directive dir : d.directives()) {
                out.println("directive " + dir.name() + "=" + dir.value() + "  (" + dir.range().start() + ")");
            }
            if (!d.globalArgs().isEmpty()) {
                out.println("global");
                d.globalArgs().forEach(a -> instruction(out, a));
            }
            for (Stage s : d.stages()) {
                out.println("stage " + s.index() + s.name().map(n -> " \"" + n + "\"").orElse(""));
                instruction(out, s.from());
                s.instructions().forEach(i -> instruction(out, i));
            }
        }

        private static void instruction(PrintWriter out, Instruction ins) {
            String at = ins.range().start() + "-" + ins.range().end();
            out.printf("  %-12s %s%n", at, DockerfilePrinter.line(ins));
            for (Heredoc h : heredocs(ins)) {
                h.content().lines().forEach(l -> out.println("               | " + l));
                out.println("               | " + h.name());
            }
        }

        private static List<Heredoc> heredocs(Instruction ins) {
            return switch (ins) {
                case Run r -> r.heredocs();
                case Copy c -> c.heredocs();
                case Add a -> a.heredocs();
                default -> List.of();
            };
        }
    }

    /** Runs the command on its own (the lead registers it under {@code lading}). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new DockerfileCommand()).execute(args));
    }
}
