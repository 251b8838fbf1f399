package dev.lading.cli;

import com.sun.net.httpserver.HttpServer;
import dev.lading.scan.vuln.VulnerabilityDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class DbCommandTest {
    @TempDir
    Path tmp;
    HttpServer server;
    final AtomicInteger downloads = new AtomicInteger();

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    static String record(String id, String ecosystem, String name, String fixed) {
        return """
                {"id": "%s", "modified": "2026-11-01T00:00:00Z", "affected": [{"package": {"ecosystem": "%s", "name": "%s"},
                 "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "%s"}]}]}]}
                """.formatted(id, ecosystem, name, fixed);
    }

    static byte[] zip(Map<String, String> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (var e : new java.util.TreeMap<>(entries).entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @BeforeEach
    void serve() throws Exception {
        byte[] debian = zip(Map.of("DSA-1-1.json", record("DSA-1-1", "Debian:12", "zlib", "1.2.13.1"),
                "DSA-2-1.json", record("DSA-2-1", "Debian:12", "openssl", "3.0.16")));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/Debian/all.zip", ex -> {
            downloads.incrementAndGet();
            ex.sendResponseHeaders(200, debian.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(debian);
            }
        });
        server.createContext("/missing/all.zip", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    DbCommand db() {
        DbCommand c = new DbCommand();
        c.env = Map.of("LADING_HOME", tmp.resolve("home").toString());
        c.clock = CLOCK;
        return c;
    }

    @Test
    void importADirectoryThenStatus() throws Exception {
        Path records = tmp.resolve("records");
        Files.createDirectories(records.resolve("npm"));
        Files.writeString(records.resolve("npm/GHSA-1.json"), record("GHSA-1", "npm", "left-pad", "1.3.1"));
        Files.writeString(records.resolve("bad.json"), "{\"id\": []}");
        CommandRunner.Run r = CommandRunner.run(db(), "import", records.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Imported 1 records (1 skipped) into " + tmp.resolve("home/db"), "npm: 1");
        assertThat(r.err()).contains("warning: skipped " + records.resolve("bad.json") + ": id must be a non-empty string");
        assertThat(VulnerabilityDatabase.isDatabase(tmp.resolve("home/db"))).isTrue();

        DbCommand later = db();
        later.clock = Clock.offset(CLOCK, java.time.Duration.ofHours(50));
        CommandRunner.Run s = CommandRunner.run(later, "status");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("Imported:        2026-12-01T10:00:00Z (2d2h ago)", "Records:         1 (1 skipped at import)",
                "  npm: 1", records + ": 1 records, 1 skipped");
    }

    @Test
    void updateDownloadsFromTheUrlsAndAgainWithoutThem() throws Exception {
        CommandRunner.Run r = CommandRunner.run(db(), "update", "--url", url("/Debian/all.zip"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Imported 2 records (0 skipped)", "Debian: 2");
        CommandRunner.Run again = CommandRunner.run(db(), "update");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(downloads.get()).isEqualTo(2);
        CommandRunner.Run s = CommandRunner.run(db(), "status");
        assertThat(s.out()).contains(url("/Debian/all.zip") + ": 2 records");
        try (var files = Files.list(tmp.resolve("home/db"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".download-"));
        }
    }

    @Test
    void aFailedDownloadKeepsTheOldDatabase() {
        assertThat(CommandRunner.run(db(), "update", "--url", url("/Debian/all.zip")).code()).isZero();
        CommandRunner.Run r = CommandRunner.run(db(), "update", "--url", url("/Debian/all.zip"), "--url", url("/missing/all.zip"));
        assertThat(r.code()).isEqualTo(CliException.RUNTIME);
        assertThat(r.err()).contains(url("/missing/all.zip") + ": HTTP 404");
        assertThat(CommandRunner.run(db(), "status").out()).contains("Records:         2");
    }

    @Test
    void usageAndMissingDatabaseErrors() {
        assertThat(CommandRunner.run(db(), "update").code()).isEqualTo(CliException.USAGE);
        CommandRunner.Run bad = CommandRunner.run(db(), "update", "--url", "file:///etc/passwd");
        assertThat(bad.code()).isEqualTo(CliException.USAGE);
        assertThat(bad.err()).contains("http or https");
        CommandRunner.Run none = CommandRunner.run(db(), "status");
        assertThat(none.code()).isEqualTo(CliException.RUNTIME);
        assertThat(none.err()).contains("no vulnerability database in " + tmp.resolve("home/db"), "lading db update");
    }

    @Test
    void dirOptionChoosesAnotherDatabase() {
        Path other = tmp.resolve("other-db");
        CommandRunner.Run r = CommandRunner.run(db(), "update", "--dir", other.toString(), "--url", url("/Debian/all.zip"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(VulnerabilityDatabase.isDatabase(other)).isTrue();
        assertThat(VulnerabilityDatabase.isDatabase(tmp.resolve("home/db"))).isFalse();
    }
}
