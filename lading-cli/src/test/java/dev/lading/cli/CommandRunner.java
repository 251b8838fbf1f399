package dev.lading.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs one command object through picocli in this JVM, with Main's mapping of failures to exit codes, so a
 * test can first set the command's environment, clock or working directory.
 */
final class CommandRunner {
    private CommandRunner() {
    }

    record Run(int code, String out, String err) {
    }

    static synchronized Run run(Object command, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            // Main builds its subcommands when it runs (only the one asked for); here every one, as for help
            CommandLine cl = command instanceof Main ? Main.full() : new CommandLine(command);
            cl.setExecutionExceptionHandler((ex, c, p) -> {
                e.println("lading " + c.getCommandName() + ": " + ex.getMessage());
                return ex instanceof CliException ce ? ce.exitCode() : ex instanceof IllegalArgumentException ? CliException.USAGE : CliException.RUNTIME;
            });
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
