package dev.lading.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * The process's standard output as {@link Main} gives it to the commands: a writer for text (the one picocli
 * would make: the console's encoding on a terminal, else the default charset), and, for a report of many
 * megabytes rendered and encoded on the threads that linted its files, the bytes under that writer.
 *
 * @param writer  the commands' {@code out}
 * @param stream  what {@code writer} writes to
 * @param charset what {@code writer} encodes with
 */
record Stdout(PrintWriter writer, OutputStream stream, Charset charset) {
    private static volatile Stdout current;

    /** A writer over {@code System.out} as it is now, remembered as the process's standard output. */
    static PrintWriter install() {
        PrintStream stream = System.out;
        Charset charset = encoding("sun.stdout.encoding");
        Stdout s = new Stdout(writer(stream, charset), stream, charset);
        current = s;
        return s.writer;
    }

    /** A writer over {@code System.err} as picocli makes one, for a command run without picocli. */
    static PrintWriter stderr() {
        return writer(System.err, encoding("sun.stderr.encoding"));
    }

    private static PrintWriter writer(OutputStream stream, Charset charset) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }

    /** The standard output under {@code out}, when {@code out} is the writer {@link #install} made. */
    static Optional<Stdout> under(PrintWriter out) {
        Stdout s = current;
        return s != null && s.writer == out ? Optional.of(s) : Optional.empty();
    }

    /** The bytes of a report, after whatever the writer holds: in order, and flushed. */
    void writeBytes(java.util.function.Consumer<OutputStream> report) {
        writer.flush();
        // System.out flushes after every write it is given, and a report comes in two writes per file: gathered
        // here, 64 KiB at a time (1000 files: 2000 write calls -> 50)
        java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(stream, 1 << 16);
        report.accept(buffered);
        try {
            buffered.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** picocli's choice for a standard stream: the console's encoding when there is one, else the default. */
    private static Charset encoding(String property) {
        String name = System.getProperty(property);
        if (name != null) {
            if (name.equalsIgnoreCase("cp65001")) {
                name = "UTF-8";
            }
            try {
                return Charset.forName(name);
            } catch (RuntimeException e) {
                return Charset.defaultCharset();
            }
        }
        return Charset.defaultCharset();
    }
}
