package dev.lading.scan;

import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.testing.Tools;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lading.oci.Digest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The rpm cataloger against rpm itself: Debian's rpm makes an SQLite database, packages built by rpmbuild from a
 * spec written here are registered in it ({@code --justdb}), and the catalog must equal what {@code rpm -qa}
 * lists from it. Forty subpackages and one with a 30 KB description make the Packages table span interior
 * pages and overflow chains.
 */
class RpmCatalogerTest {
    private static final String OS_RELEASE = "NAME=\"Fedora Linux\"\nVERSION=\"40 (Container Image)\"\nID=fedora\nVERSION_ID=40\n";
    private static final int SUBPACKAGES = 40;

    @TempDir
    Path tmp;

    /** Builds the rpms and registers them in a new SQLite database under {@code tmp/db}; returns the database directory. */
    private Path database() throws Exception {
        Tools.require("rpm", "rpm");
        Tools.require("rpmbuild", "rpm");
        Path top = tmp.resolve("top");
        for (String d : List.of("SPECS", "BUILD", "RPMS", "SRPMS", "SOURCES", "BUILDROOT")) {
            Files.createDirectories(top.resolve(d));
        }
        StringBuilder spec = new StringBuilder("""
                Name: hello-lading
                Version: 1.2.3
                Release: 4.fc40
                Epoch: 2
                Summary: A test package
                License: MIT AND (Apache-2.0 OR BSD-3-Clause)
                Vendor: Lading Test
                BuildArch: noarch

                %description
                """).append("A test package whose description is long enough to overflow an SQLite page. ".repeat(400)).append("\n\n");
        for (int i = 0; i < SUBPACKAGES; i++) {
            spec.append("%package -n sub").append(i).append("\nSummary: sub ").append(i).append("\nVersion: 0.").append(i)
                    .append("\nLicense: GPL-2.0-or-later\n\n%description -n sub").append(i).append("\nSubpackage ").append(i).append(".\n\n")
                    .append("%files -n sub").append(i).append("\n/usr/share/sub").append(i).append("\n\n");
        }
        spec.append("%install\nmkdir -p %{buildroot}/usr/share/hello-lading\necho hi > %{buildroot}/usr/share/hello-lading/hi.txt\n");
        for (int i = 0; i < SUBPACKAGES; i++) {
            spec.append("echo ").append(i).append(" > %{buildroot}/usr/share/sub").append(i).append("\n");
        }
        spec.append("\n%files\n/usr/share/hello-lading/hi.txt\n");
        Files.writeString(top.resolve("SPECS/hello.spec"), spec);
        Tools.ok(tmp, "rpmbuild", "--define", "_topdir " + top, "--define", "_build_id_links none", "-bb", top.resolve("SPECS/hello.spec").toString());
        Path db = tmp.resolve("db");
        Files.createDirectories(db);
        Tools.ok(tmp, "rpm", "--dbpath", db.toString(), "--define", "_db_backend sqlite", "--initdb");
        List<String> rpms = new ArrayList<>(List.of("rpm", "--dbpath", db.toString(), "--define", "_db_backend sqlite", "-i", "--justdb", "--nodeps",
                "--noscripts", "--ignorearch", "--ignoreos"));
        try (var files = Files.list(top.resolve("RPMS/noarch"))) {
            files.map(Path::toString).sorted().forEach(rpms::add);
        }
        Tools.ok(tmp, rpms.toArray(String[]::new));
        return db;
    }

    private Sbom scan(byte[] database, String dir) throws Exception {
        return ScanImages.scan(tmp, ScanImages.layer(List.of(
                LayerEntry.file("etc/os-release", 0644, OS_RELEASE),
                LayerEntry.file(dir + "/rpmdb.sqlite", 0644, database))));
    }

    @Test
    @Tag("integration")
    void theCatalogEqualsRpmQa() throws Exception {
        Path db = database();
        String out = Tools.ok(tmp, "rpm", "--dbpath", db.toString(), "--define", "_db_backend sqlite", "-qa", "--qf",
                "%{NAME}|%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}|%{ARCH}|%{LICENSE}|%{SOURCERPM}\\n");
        List<String> expected = out.lines().filter(l -> l.contains("|")).sorted().toList();
        assertThat(expected).hasSize(SUBPACKAGES + 1);

        checkAgainst(expected, Files.readAllBytes(db.resolve("rpmdb.sqlite")));
    }

    /** The committed database (made as above) against the rpm -qa output recorded beside it. */
    @Test
    void theCommittedDatabaseEqualsTheRecordedRpmQa() throws Exception {
        List<String> expected = new String(getClass().getResourceAsStream("/rpm/rpm-qa.txt").readAllBytes(), StandardCharsets.UTF_8)
                .lines().sorted().toList();
        assertThat(expected).hasSize(SUBPACKAGES + 1);
        checkAgainst(expected, committedDatabase());
    }

    static byte[] committedDatabase() throws Exception {
        try (var in = new GZIPInputStream(RpmCatalogerTest.class.getResourceAsStream("/rpm/rpmdb.sqlite.gz"))) {
            return in.readAllBytes();
        }
    }

    private void checkAgainst(List<String> expected, byte[] database) throws Exception {
        for (String dir : List.of("usr/lib/sysimage/rpm", "var/lib/rpm")) {
            Sbom sbom = scan(database, dir);
            List<String> actual = sbom.packages().stream()
                    .map(p -> p.name() + "|" + p.version() + "|" + p.architecture() + "|" + String.join(" ", p.licenses()) + "|"
                            + p.source().name() + "-" + p.source().version() + ".src.rpm")
                    .sorted().toList();
            assertThat(actual).containsExactlyElementsOf(expected);
            assertThat(sbom.warnings()).isEmpty();
            assertThat(sbom.packages()).allMatch(p -> p.ecosystem() == Ecosystem.RPM && p.path().equals("/" + dir + "/rpmdb.sqlite"));
            assertThat(sbom.packages()).filteredOn(p -> p.name().equals("hello-lading"))
                    .extracting(Package::purl, Package::version)
                    .containsExactly(tuple("pkg:rpm/fedora/hello-lading@1.2.3-4.fc40?arch=noarch&distro=fedora-40&epoch=2", "2:1.2.3-4.fc40"));
            assertThat(sbom.packages()).filteredOn(p -> p.name().equals("sub7")).extracting(Package::purl)
                    .containsExactly("pkg:rpm/fedora/sub7@0.7-4.fc40?arch=noarch&distro=fedora-40&epoch=2");
        }
    }

    @Test
    void aBerkeleyDbDatabaseIsReportedOnce() throws Exception {
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(List.of(LayerEntry.file("var/lib/rpm/Packages", 0644, "\0\0\0\0\0\0\0\0\u0061\u0015\u0006\0"),
                LayerEntry.file("var/lib/rpm/Name", 0644, "x"))));
        assertThat(sbom.packages()).isEmpty();
        assertThat(sbom.warnings()).singleElement().asString().contains("/var/lib/rpm/Packages").contains("BerkeleyDB database not supported");
    }

    @Test
    void sourceRpmNamesSplitIntoNameAndVersion() {
        assertThat(RpmCataloger.source("bash-5.2.26-3.fc40.src.rpm")).isEqualTo(new Package.Source("bash", "5.2.26-3.fc40"));
        assertThat(RpmCataloger.source("python-foo-bar-1.0-1.el9.nosrc.rpm")).isEqualTo(new Package.Source("python-foo-bar", "1.0-1.el9"));
        assertThat(RpmCataloger.source("weird.src.rpm")).isNull();
        assertThat(RpmCataloger.source(null)).isNull();
    }

    @Test
    void changesLeftInTheWalFileAreReported() throws Exception {
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(List.of(
                LayerEntry.file("var/lib/rpm/rpmdb.sqlite", 0644, committedDatabase()),
                LayerEntry.file("var/lib/rpm/rpmdb.sqlite-wal", 0644, "not checkpointed"))));
        assertThat(sbom.packages()).hasSize(SUBPACKAGES + 1);
        assertThat(sbom.warnings()).singleElement().asString().contains("/var/lib/rpm/rpmdb.sqlite-wal");
    }

    @Test
    void aFileThatIsNotADatabaseIsSkippedWithAWarning() throws Exception {
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(List.of(LayerEntry.file("var/lib/rpm/rpmdb.sqlite", 0644, "SQLite format 2"))));
        assertThat(sbom.packages()).isEmpty();
        assertThat(sbom.warnings()).singleElement().asString().contains("/var/lib/rpm/rpmdb.sqlite").contains("not an SQLite 3 database");
    }

    /** Random damage to a real database: packages or clean warnings, never an exception, a hang or a huge allocation. */
    @Property(tries = 300)
    void aMutatedDatabaseGivesOnlyCleanWarnings(@ForAll long seed, @ForAll @IntRange(min = 1, max = 50) int flips) throws Exception {
        byte[] bad = committedDatabase();
        Random r = new Random(seed);
        for (int i = 0; i < flips; i++) {
            // mostly page headers and cell pointers (the first bytes of each 4 KiB page), where damage bites
            int page = r.nextInt(bad.length / 4096);
            int at = page * 4096 + (r.nextInt(4) == 0 ? r.nextInt(4096) : r.nextInt(page == 0 ? 140 : 40));
            bad[at] = (byte) r.nextInt(256);
        }
        if (r.nextInt(5) == 0) {
            bad = Arrays.copyOf(bad, r.nextInt(bad.length));
        }
        List<String> warnings = new ArrayList<>();
        List<Package> packages = RpmCataloger.read(bad, "/var/lib/rpm/rpmdb.sqlite", Digest.sha256(new byte[0]), Optional.empty(), warnings::add);
        assertThat(packages.size()).isLessThanOrEqualTo(SUBPACKAGES + 1);
        assertThat(warnings).allMatch(w -> w.contains("/var/lib/rpm/rpmdb.sqlite"));
    }

    /** Damage to the header blobs themselves (lying counts and offsets), through the header parser. */
    @Property(tries = 300)
    void mutatedHeadersGiveOnlyCleanErrors(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int flips) throws Exception {
        Random r = new Random(seed);
        List<byte[]> blobs = new ArrayList<>();
        SqliteReader db = SqliteReader.open(committedDatabase());
        db.rows(db.rootPage("Packages").orElseThrow(), row -> blobs.add((byte[]) row.values().get(1)));
        byte[] blob = blobs.get(r.nextInt(blobs.size())).clone();
        for (int i = 0; i < flips; i++) {
            int at = r.nextBoolean() ? r.nextInt(Math.min(blob.length, 8 + 16 * 12)) : r.nextInt(blob.length);
            blob[at] = (byte) r.nextInt(256);
        }
        try {
            RpmHeader.parse(r.nextInt(4) == 0 ? Arrays.copyOf(blob, r.nextInt(blob.length)) : blob);
        } catch (java.io.IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
