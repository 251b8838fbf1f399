package dev.lading.scan.vuln;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The hand-written OSV records under src/test/resources/osv, and zips made from them. */
final class OsvTestData {
    private OsvTestData() {
    }

    /** src/test/resources/osv/records: 4 valid records (one withdrawn), 2 broken files, 1 non-JSON file. */
    static Path records() {
        try {
            return Path.of(OsvTestData.class.getResource("/osv/records").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A zip of every .json file under {@code dir}, entry names relative to it, as OSV's all.zip. */
    static Path zipOf(Path dir, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.putNextEntry(new ZipEntry(f.getFileName().toString()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return zip;
    }

    /** A zip of the given entries (name → content). */
    static Path zip(Path zip, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var e : new java.util.TreeMap<>(entries).entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A minimal valid record. */
    static String record(String id, String ecosystem, String name, String modified, String fixed) {
        return """
                {"id": "%s", "modified": "%s", "affected": [{"package": {"ecosystem": "%s", "name": "%s"},
                 "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "%s"}]}]}]}
                """.formatted(id, modified, ecosystem, name, fixed);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }
}
