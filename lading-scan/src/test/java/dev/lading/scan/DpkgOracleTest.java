package dev.lading.scan;

import com.github.packageurl.PackageURL;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dpkg cataloger against dpkg itself: this Debian machine's real status database (and its copyright
 * files and os-release), put into an image with lading's layer writer, must catalog exactly what
 * {@code dpkg-query} lists: name, architecture, version, source package and source version.
 */
@Tag("integration")
class DpkgOracleTest {
    private static final Path ROOT = Path.of("/");
    @TempDir
    Path tmp;

    @Test
    void theCatalogOfThisMachinesStatusDatabaseEqualsDpkgQuery() throws Exception {
        Tools.require("dpkg-query", "dpkg");
        List<String> expected = dpkgQuery(ROOT.resolve("var/lib/dpkg"));
        assertThat(expected).hasSizeGreaterThan(50);

        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(rootEntries(ROOT)));

        assertThat(sbom.packages()).allMatch(p -> p.ecosystem() == Ecosystem.DEB);
        List<String> actual = sbom.packages().stream()
                .map(p -> p.name() + " " + p.architecture() + " " + p.version() + " " + p.source().name() + " " + p.source().version())
                .sorted().toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(sbom.warnings()).isEmpty();
        for (Package p : sbom.packages()) {
            PackageURL purl = new PackageURL(p.purl());
            assertThat(List.of(purl.getType(), purl.getNamespace(), purl.getName(), purl.getVersion(), purl.getQualifiers().get("arch")))
                    .as(p.purl()).containsExactly("deb", sbom.distro().orElseThrow().id(), p.name(), p.version(), p.architecture());
        }
        // licenses only from machine-readable (DEP-5) copyright files, and then from each of them
        for (Package p : sbom.packages()) {
            Path copyright = ROOT.resolve("usr/share/doc/" + p.name() + "/copyright");
            boolean copied = !Files.isSymbolicLink(copyright.getParent()) && Files.isRegularFile(copyright) && !Files.isSymbolicLink(copyright);
            String text = copied ? Files.readString(copyright, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
            boolean dep5 = text.startsWith("Format:") && text.lines().anyMatch(l -> l.startsWith("License: "));
            assertThat(!p.licenses().isEmpty()).as(p.name() + " " + p.licenses()).isEqualTo(dep5);
        }
    }

    /** dpkg-query's list, in the same shape: only packages whose files are on disk. */
    static List<String> dpkgQuery(Path admindir) throws Exception {
        String out = Tools.ok(null, "dpkg-query", "--admindir=" + admindir, "-W",
                "-f", "${Package} ${Architecture} ${Version} ${source:Package} ${source:Version} ${db:Status-Status}\\n");
        return out.lines().map(l -> l.split(" "))
                .filter(f -> !Set.of("not-installed", "config-files").contains(f[5]))
                .map(f -> String.join(" ", f[0], f[1], f[2], f[3], f[4]))
                .sorted().toList();
    }

    /** The status database, os-release and the copyright files of {@code root}, as layer entries. */
    static List<LayerEntry> rootEntries(Path root) throws Exception {
        List<LayerEntry> entries = new ArrayList<>();
        entries.add(LayerEntry.file("var/lib/dpkg/status", 0644, Files.readAllBytes(root.resolve("var/lib/dpkg/status"))));
        entries.add(LayerEntry.file("etc/os-release", 0644, Files.readAllBytes(root.resolve("etc/os-release").toRealPath())));
        try (Stream<Path> docs = Files.list(root.resolve("usr/share/doc"))) {
            for (Path dir : docs.sorted().toList()) {
                Path copyright = dir.resolve("copyright");
                if (!Files.isSymbolicLink(dir) && Files.isRegularFile(copyright) && !Files.isSymbolicLink(copyright)) {
                    entries.add(LayerEntry.file("usr/share/doc/" + dir.getFileName() + "/copyright", 0644, Files.readAllBytes(copyright)));
                }
            }
        }
        return entries;
    }

}
