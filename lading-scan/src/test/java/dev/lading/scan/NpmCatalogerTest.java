package dev.lading.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class NpmCatalogerTest {
    @TempDir
    Path tmp;

    @Test
    void packageRootsUnderNodeModulesScopedAndNested() throws Exception {
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(Map.of(
                "app/package.json", "{\"name\": \"my-app\", \"version\": \"1.0.0\"}",
                "app/node_modules/express/package.json", "{\"name\": \"express\", \"version\": \"4.21.1\", \"license\": \"MIT\"}",
                "app/node_modules/express/lib/package.json", "{\"type\": \"commonjs\"}",
                "app/node_modules/@babel/core/package.json", "{\"name\": \"@babel/core\", \"version\": \"7.26.0\", \"license\": {\"type\": \"MIT\"}}",
                "app/node_modules/express/node_modules/debug/package.json", "{\"name\": \"debug\", \"version\": \"2.6.9\", \"licenses\": [{\"type\": \"MIT\"}]}",
                "usr/local/lib/node_modules/npm/package.json", "{\"name\": \"npm\", \"version\": \"10.9.0\", \"license\": \"Artistic-2.0\"}")));
        assertThat(sbom.warnings()).isEmpty();
        assertThat(sbom.packages()).extracting(Package::name, Package::version, Package::purl, Package::licenses).containsExactly(
                tuple("@babel/core", "7.26.0", "pkg:npm/%40babel/core@7.26.0", List.of("MIT")),
                tuple("debug", "2.6.9", "pkg:npm/debug@2.6.9", List.of("MIT")),
                tuple("express", "4.21.1", "pkg:npm/express@4.21.1", List.of("MIT")),
                tuple("npm", "10.9.0", "pkg:npm/npm@10.9.0", List.of("Artistic-2.0")));
    }

    @Test
    void brokenJsonAndMissingFieldsAreWarningsNotCrashes() throws Exception {
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(Map.of(
                "node_modules/a/package.json", "{\"name\": \"a\", \"version\": ",
                "node_modules/b/package.json", "[1, 2]",
                "node_modules/c/package.json", "{\"name\": \"c\", \"version\": 3}",
                "node_modules/d/package.json", "{\"name\": \"d\", \"version\": \"0.0.1\"}")));
        assertThat(sbom.packages()).extracting(Package::name).containsExactly("d");
        assertThat(sbom.warnings()).hasSize(3)
                .anyMatch(w -> w.contains("/node_modules/a/package.json: not valid JSON"))
                .anyMatch(w -> w.contains("/node_modules/b/package.json: no name or version"))
                .anyMatch(w -> w.contains("/node_modules/c/package.json: no name or version"));
    }

    @Test
    void whichPackageJsonFilesArePackageRoots() {
        assertThat(NpmCataloger.isPackageRoot("/node_modules/x/package.json")).isTrue();
        assertThat(NpmCataloger.isPackageRoot("/a/node_modules/@s/x/package.json")).isTrue();
        assertThat(NpmCataloger.isPackageRoot("/a/node_modules/@s/package.json")).isFalse();
        assertThat(NpmCataloger.isPackageRoot("/a/node_modules/x/dist/package.json")).isFalse();
        assertThat(NpmCataloger.isPackageRoot("/a/node_modules/.bin/package.json")).isFalse();
        assertThat(NpmCataloger.isPackageRoot("/a/package.json")).isFalse();
    }
}
