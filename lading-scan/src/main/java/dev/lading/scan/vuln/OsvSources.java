package dev.lading.scan.vuln;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads OSV records from what users have: a directory of {@code .json} files (searched recursively, symbolic
 * links not followed), an OSV export zip ({@code all.zip}: one JSON file per record), or a single JSON file.
 * Records stream to a {@link Sink} one at a time, so an export of any size needs memory for one record.
 * <p>
 * A record that cannot be read is skipped and counted, with its file named in a warning; the import goes on.
 * An input that is not what it claims (a zip that is not a zip, a zip bomb) fails with an IOException naming it.
 */
public final class OsvSources {
    /** Inflating more than this many times the compressed size is a zip bomb, not JSON (JSON compresses ~10x). */
    static final long MAX_RATIO = 100;
    /** Entries smaller than this are never judged by ratio: tiny, highly repetitive files are normal. */
    static final long RATIO_GRACE_BYTES = 1024 * 1024;
    /** No real export inflates to more than this. */
    static final long MAX_TOTAL_BYTES = 8L * 1024 * 1024 * 1024;
    static final int MAX_ENTRIES = 2_000_000;
    /** How many skip reasons are kept word for word; the rest are only counted. */
    static final int MAX_WARNINGS = 20;

    private OsvSources() {
    }

    @FunctionalInterface
    public interface Sink {
        void accept(OsvRecord record) throws IOException;
    }

    /**
     * What reading one input gave.
     *
     * @param source   the input as given
     * @param records  records passed to the sink
     * @param skipped  files or entries that were not valid records
     * @param warnings the first {@value #MAX_WARNINGS} reasons for skipping
     */
    public record Outcome(String source, int records, int skipped, List<String> warnings) {
        public Outcome {
            warnings = List.copyOf(warnings);
        }
    }

    /** Reads {@code path}: a directory, a {@code .zip}, or a JSON file. */
    public static Outcome read(Path path, Sink sink) throws IOException {
        return read(path, path.toString(), sink);
    }

    /** As {@link #read(Path, Sink)}; the outcome names the source {@code name} (e.g. the URL it was downloaded from). */
    public static Outcome read(Path path, String name, Sink sink) throws IOException {
        Counter c = new Counter(name);
        if (Files.isDirectory(path)) {
            readDirectory(path, sink, c);
        } else if (!Files.isRegularFile(path)) {
            throw new IOException(path + ": no such file or directory");
        } else if (isZip(path)) {
            readZip(path, sink, c);
        } else {
            readFile(path, path.toString(), sink, c);
        }
        return c.outcome();
    }

    private static boolean isZip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4
                    || path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
        }
    }

    private static void readDirectory(Path dir, Sink sink, Counter c) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .sorted().toList();
        }
        for (Path f : files) {
            if (Files.size(f) > OsvReader.MAX_RECORD_BYTES) {
                c.skip(f + ": larger than " + (OsvReader.MAX_RECORD_BYTES >> 20) + " MiB, not an OSV record");
                continue;
            }
            readFile(f, f.toString(), sink, c);
        }
    }

    private static void readFile(Path f, String name, Sink sink, Counter c) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            deliver(in, name, sink, c);
        }
    }

    private static void deliver(InputStream in, String name, Sink sink, Counter c) throws IOException {
        List<OsvRecord> records;
        try {
            records = OsvReader.read(in, name);
        } catch (OsvFormatException e) {
            c.skip(e.getMessage());
            return;
        }
        for (OsvRecord r : records) {
            sink.accept(r);
            c.records++;
        }
    }

    private static void readZip(Path zip, Sink sink, Counter c) throws IOException {
        ZipFile zf;
        try {
            zf = new ZipFile(zip.toFile());
        } catch (ZipException e) {
            throw new IOException(zip + ": not a readable zip file (" + e.getMessage() + ")", e);
        }
        try (zf) {
            long total = 0;
            int count = 0;
            Enumeration<? extends ZipEntry> entries = zf.entries();
            List<ZipEntry> sorted = new ArrayList<>();
            while (entries.hasMoreElements()) {
                if (++count > MAX_ENTRIES) {
                    throw new IOException(zip + ": more than " + MAX_ENTRIES + " entries; refusing it");
                }
                sorted.add(entries.nextElement());
            }
            sorted.sort(java.util.Comparator.comparing(ZipEntry::getName));
            for (ZipEntry e : sorted) {
                String where = zip + "!" + e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                if (!safeName(e.getName())) {
                    // nothing is extracted, but a name climbing out of the archive says it was made to attack
                    c.skip(where + ": unsafe entry name, skipped");
                    continue;
                }
                if (!e.getName().toLowerCase(Locale.ROOT).endsWith(".json")) {
                    continue;
                }
                long compressed = Math.max(e.getCompressedSize(), 1);
                long limit = Math.min(OsvReader.MAX_RECORD_BYTES, Math.max(RATIO_GRACE_BYTES, compressed * MAX_RATIO));
                long[] read = {0};
                try (InputStream raw = zf.getInputStream(e);
                     InputStream in = new CountingStream(raw, read)) {
                    BoundedInputStream bounded = new BoundedInputStream(in, limit, where);
                    try {
                        deliver(bounded, where, sink, c);
                    } catch (BoundedInputStream.TooLargeException tooLarge) {
                        if (!tooLarge.from(bounded)) {
                            throw tooLarge;
                        }
                        if (limit < OsvReader.MAX_RECORD_BYTES) {
                            throw new IOException(where + ": inflates to more than " + MAX_RATIO
                                    + " times its compressed size: a zip bomb, refusing " + zip, tooLarge);
                        }
                        c.skip(where + ": larger than " + (OsvReader.MAX_RECORD_BYTES >> 20) + " MiB, not an OSV record");
                    }
                } catch (ZipException bad) {
                    c.skip(where + ": corrupt entry (" + bad.getMessage() + ")");
                }
                total += read[0];
                if (total > MAX_TOTAL_BYTES) {
                    throw new IOException(zip + ": inflates to more than " + (MAX_TOTAL_BYTES >> 30) + " GiB; refusing it");
                }
            }
        }
    }

    /** A relative name without {@code ..} segments, drive letters or backslashes. */
    static boolean safeName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\u0000") || name.matches("^[A-Za-z]:.*")) {
            return false;
        }
        for (String seg : name.split("/")) {
            if (seg.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        private final long[] count;

        CountingStream(InputStream in, long[] count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count[0]++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count[0] += n;
            }
            return n;
        }
    }

    private static final class Counter {
        final String source;
        int records;
        int skipped;
        final List<String> warnings = new ArrayList<>();

        Counter(String source) {
            this.source = source;
        }

        void skip(String why) {
            skipped++;
            if (warnings.size() < MAX_WARNINGS) {
                warnings.add(why);
            }
        }

        Outcome outcome() {
            return new Outcome(source, records, skipped, warnings);
        }
    }
}
