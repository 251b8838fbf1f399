package dev.lading.cli;

import dev.lading.oci.layout.Store;
import dev.lading.scan.vuln.DbMetadata;
import dev.lading.scan.vuln.OsvDownloader;
import dev.lading.scan.vuln.OsvSources;
import dev.lading.scan.vuln.VulnerabilityDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "db",
        description = {"Manage the offline vulnerability database that 'lading scan' matches against.",
                "",
                "The database holds OSV records (https://osv.dev) under $LADING_HOME/db, indexed by ecosystem and",
                "package so a scan reads only what its packages need. It is filled from OSV's per-ecosystem",
                "exports (all.zip) or from directories of OSV JSON files; scans never use the network."},
        footer = {"", "Examples:",
                "  lading db update --url https://osv-vulnerabilities.storage.googleapis.com/Debian/all.zip \\",
                "                   --url https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip",
                "  lading db update                      # again from the URLs of the last update",
                "  lading db import ./osv-mirror/ Debian-all.zip",
                "  lading db status"},
        subcommands = {DbCommand.Import.class, DbCommand.Update.class, DbCommand.Status.class},
        mixinStandardHelpOptions = true)
final class DbCommand implements Callable<Integer> {

    /** The environment (LADING_HOME) and the clock; tests replace them. */
    Map<String, String> env = System.getenv();
    Clock clock = Clock.systemUTC();

    @Option(names = "--dir", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The database directory (default: $LADING_HOME/db).")
    Path dir;

    @Override
    public Integer call() {
        throw CliException.usage("say what to do: 'lading db import PATH...', 'lading db update', or 'lading db status'");
    }

    Path directory() {
        return dir != null ? dir : VulnerabilityDatabase.defaultDirectory(Store.defaultHome(env));
    }

    static void printImport(DbMetadata m, Path dir, PrintStream out, PrintStream err) {
        for (OsvSources.Outcome o : m.sources()) {
            for (String w : o.warnings()) {
                err.println("warning: skipped " + w);
            }
            if (o.skipped() > o.warnings().size()) {
                err.println("warning: skipped " + (o.skipped() - o.warnings().size()) + " more unreadable record(s) in " + o.source());
            }
        }
        out.println("Imported " + m.records() + " records (" + m.skipped() + " skipped) into " + dir);
        m.ecosystems().forEach((k, v) -> out.println("  " + k + ": " + v));
    }

    @Command(name = "import",
            description = {"Replace the database with the OSV records in PATH...: directories of OSV JSON files",
                    "(searched recursively), OSV export zips (all.zip), or single JSON files. Unreadable records are",
                    "skipped and reported; an unreadable PATH fails the import and keeps the old database."},
            mixinStandardHelpOptions = true)
    static final class Import implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Parameters(arity = "1..*", paramLabel = "PATH", description = "OSV files, directories or zips.")
        List<Path> paths;

        @Override
        public Integer call() throws IOException {
            Path dir = db.directory();
            DbMetadata m = VulnerabilityDatabase.importFrom(dir, paths.stream().map(p -> p.toAbsolutePath().normalize()).toList(), db.clock);
            printImport(m, dir, System.out, System.err);
            return 0;
        }
    }

    @Command(name = "update",
            description = {"Download OSV exports and replace the database with them. Without --url, the URLs of the",
                    "previous update are fetched again. Downloads go to a temporary file beside the database and",
                    "are checked like any import; a failed download leaves the old database in place."},
            mixinStandardHelpOptions = true)
    static final class Update implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Option(names = "--url", paramLabel = "URL",
                description = "An OSV export to download, e.g. https://osv-vulnerabilities.storage.googleapis.com/Debian/all.zip (repeatable).")
        List<String> urls = new ArrayList<>();

        /** How downloads happen; tests keep the standard one and point it at a local server. */
        OsvDownloader downloader = OsvDownloader.standard();

        @Override
        public Integer call() throws IOException {
            Path dir = db.directory();
            List<URI> targets = new ArrayList<>();
            for (String u : urls.isEmpty() ? previousUrls(dir) : urls) {
                try {
                    URI uri = new URI(u);
                    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                        throw CliException.usage("--url must be an http or https URL, not '" + u + "'");
                    }
                    targets.add(uri);
                } catch (URISyntaxException e) {
                    throw CliException.usage("--url '" + u + "' is not a URL: " + e.getMessage());
                }
            }
            if (targets.isEmpty()) {
                throw CliException.usage("no URL to update from: give --url (e.g. https://osv-vulnerabilities.storage.googleapis.com/Debian/all.zip)");
            }
            Files.createDirectories(dir);
            List<VulnerabilityDatabase.Input> inputs = new ArrayList<>();
            try {
                for (URI u : targets) {
                    Path tmp = Files.createTempFile(dir, ".download-", ".zip");
                    inputs.add(new VulnerabilityDatabase.Input(tmp, u.toString()));
                    System.err.println("downloading " + u);
                    downloader.download(u, tmp);
                }
                DbMetadata m = VulnerabilityDatabase.importInputs(dir, inputs, db.clock);
                printImport(m, dir, System.out, System.err);
                return 0;
            } finally {
                downloader.close();
                for (VulnerabilityDatabase.Input i : inputs) {
                    Files.deleteIfExists(i.path());
                }
            }
        }

        private static List<String> previousUrls(Path dir) throws IOException {
            if (!VulnerabilityDatabase.isDatabase(dir)) {
                return List.of();
            }
            LinkedHashSet<String> out = new LinkedHashSet<>();
            for (OsvSources.Outcome o : VulnerabilityDatabase.open(dir).metadata().sources()) {
                if (o.source().startsWith("https://") || o.source().startsWith("http://")) {
                    out.add(o.source());
                }
            }
            return List.copyOf(out);
        }
    }

    @Command(name = "status", description = "Show where the database is, how old it is, and what it holds.",
            mixinStandardHelpOptions = true)
    static final class Status implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Override
        public Integer call() throws IOException {
            Path dir = db.directory();
            if (!VulnerabilityDatabase.isDatabase(dir)) {
                throw CliException.runtime("no vulnerability database in " + dir + "; run 'lading db update --url URL' or 'lading db import PATH'");
            }
            DbMetadata m = VulnerabilityDatabase.open(dir).metadata();
            PrintStream out = System.out;
            out.println("Database:        " + dir);
            out.println("Imported:        " + m.imported() + " (" + ScanCommand.formatAge(m.age(db.clock.instant())) + " ago)");
            out.println("Records:         " + m.records() + (m.skipped() > 0 ? " (" + m.skipped() + " skipped at import)" : ""));
            out.println("Newest modified: " + (m.newestModified() == null ? "-" : m.newestModified()));
            out.println("Ecosystems:");
            m.ecosystems().forEach((k, v) -> out.println("  " + k + ": " + v));
            out.println("Sources:");
            for (OsvSources.Outcome o : m.sources()) {
                out.println("  " + o.source() + ": " + o.records() + " records" + (o.skipped() > 0 ? ", " + o.skipped() + " skipped" : ""));
            }
            return 0;
        }
    }

    /** When the database is older than {@code max}: the warning to print; null when it is fresh enough. */
    static String ageWarning(DbMetadata m, Instant now, Duration max) {
        if (max.isZero() || m.age(now).compareTo(max) <= 0) {
            return null;
        }
        return "the vulnerability database is " + ScanCommand.formatAge(m.age(now)) + " old (limit " + ScanCommand.formatAge(max)
                + "); run 'lading db update' for current data";
    }
}
