package dev.lading.build.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts a host command line (the sandbox tool), feeds the merged stdout+stderr to a consumer line by line as it
 * arrives (on a reader thread, in order), and keeps the last lines for error messages. The command gets stdin from /dev/null (as a Docker RUN
 * does) and exactly {@code environment}, so nothing of lading's own environment reaches the sandbox tool.
 */
final class SandboxProcess {
    /** How many trailing lines a {@code RunResult} keeps. */
    static final int TAIL_LINES = 30;
    /** A "line" longer than this (a progress bar without newlines, binary output) is passed on in pieces. */
    private static final int MAX_LINE_BYTES = 64 * 1024;

    record Outcome(int exitCode, List<String> tail) {
    }

    private SandboxProcess() {
    }

    static Outcome run(List<String> command, Map<String, String> environment, Consumer<String> output) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        Deque<String> tail = new ArrayDeque<>();
        RuntimeException[] consumerFailure = new RuntimeException[1];
        Consumer<String> sink = line -> {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
            if (consumerFailure[0] == null) {
                try {
                    output.accept(line);
                } catch (RuntimeException e) {
                    // Keep draining the pipe, or the command would block on a full pipe and never end.
                    consumerFailure[0] = e;
                }
            }
        };
        // The output is read on its own thread so that this one waits in Process.waitFor, which an interrupt
        // (a cancelled build) can end; a read from the pipe could not be interrupted.
        IOException[] readFailure = new IOException[1];
        Thread reader = Thread.ofPlatform().name("lading-sandbox-output").daemon().start(() -> {
            try (InputStream in = p.getInputStream()) {
                readLines(in, sink);
            } catch (IOException e) {
                readFailure[0] = e;
            }
        });
        try {
            int exit = p.waitFor();
            reader.join();
            if (readFailure[0] != null) {
                throw new IOException("cannot read the output of " + command.get(0) + ": " + readFailure[0].getMessage(),
                        readFailure[0]);
            }
            if (consumerFailure[0] != null) {
                throw consumerFailure[0];
            }
            return new Outcome(exit, new ArrayList<>(tail));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + command.get(0));
        } finally {
            if (p.isAlive()) {
                // Killing the tool kills the sandbox: bwrap's child has --die-with-parent, unshare --kill-child.
                p.destroy();
                try {
                    if (!p.waitFor(5, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Splits on '\n' (a trailing '\r' goes too) as bytes arrive: lines are passed on before the command ends. */
    static void readLines(InputStream in, Consumer<String> sink) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    sink.accept(decode(line));
                    line.reset();
                } else {
                    line.write(b);
                    if (line.size() >= MAX_LINE_BYTES) {
                        sink.accept(decode(line));
                        line.reset();
                    }
                }
            }
        }
        if (line.size() > 0) {
            sink.accept(decode(line));
        }
    }

    private static String decode(ByteArrayOutputStream line) {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
