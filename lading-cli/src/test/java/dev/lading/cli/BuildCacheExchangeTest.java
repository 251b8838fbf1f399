package dev.lading.cli;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Index;
import dev.lading.oci.layout.OciLayout;
import dev.lading.registry.testing.RegistryFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** --cache-to and --cache-from: a second machine (a fresh LADING_HOME) reuses the first one's layers. */
class BuildCacheExchangeTest {

    @TempDir
    Path tmp;

    private Path context() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(context.resolve("a.txt"), "alpha\n");
        Files.writeString(context.resolve("b.txt"), "beta\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY a.txt /a.txt\nCOPY b.txt /b.txt\n");
        return context;
    }

    /** Builds with LADING_HOME=home; returns stderr and the digest. */
    private String[] build(Path home, String... args) throws Exception {
        BuildCommand cmd = new BuildCommand();
        cmd.env = Map.of("LADING_HOME", home.toString());
        new CommandLine(cmd).parseArgs(args);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            assertThat(cmd.call()).isZero();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new String[] {err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8).strip()};
    }

    @Test
    void aCacheInALayoutServesAnotherMachine() throws Exception {
        Path context = context();
        Path cache = tmp.resolve("cache-layout");
        String[] first = build(tmp.resolve("home1"), "--no-lint", "--cache-to", "type=local,dest=" + cache, "-t", "app:1", context.toString());
        assertThat(first[0]).contains("exported 2 entries");

        OciLayout layout = OciLayout.open(cache);
        Descriptor root = layout.find("cache").orElseThrow();
        Index index = Index.parse(layout.readBlob(root));
        assertThat(index.artifactType()).isEqualTo("application/vnd.lading.build-cache.v1");
        assertThat(index.manifests()).hasSize(2);

        String[] second = build(tmp.resolve("home2"), "--no-lint", "--cache-from", "oci:" + cache + ":cache", "-t", "app:1", context.toString());
        assertThat(second[1]).isEqualTo(first[1]);
        assertThat(second[0]).contains("2 from the cache").contains("0 layers built");

        // A changed file misses from its step on; the unchanged first step still comes from the import.
        Files.writeString(context.resolve("b.txt"), "changed\n");
        String[] third = build(tmp.resolve("home3"), "--no-lint", "--cache-from", "oci:" + cache + ":cache", "-t", "app:1", context.toString());
        assertThat(third[0]).contains("1 layers built, 1 from the cache");
    }

    @Test
    void aMissingCacheIsAWarningAndNoCacheIgnoresIt() throws Exception {
        Path context = context();
        String[] r = build(tmp.resolve("home"), "--no-lint", "--cache-from", "oci:" + tmp.resolve("nothing") + ":cache", context.toString());
        assertThat(r[0]).contains("warning: --cache-from").contains("building without it");
        Path cache = tmp.resolve("c");
        build(tmp.resolve("home"), "--no-lint", "--cache-to", "type=local,dest=" + cache, context.toString());
        String[] noCache = build(tmp.resolve("home2"), "--no-lint", "--no-cache", "--cache-from", "type=local,src=" + cache, context.toString());
        assertThat(noCache[0]).contains("2 layers built, 0 from the cache");
    }

    @Test
    @Tag("integration")
    void aCacheInARegistryServesAnotherMachine() throws Exception {
        try (RegistryFixture registry = RegistryFixture.anonymous()) {
            Path context = context();
            String ref = registry.host() + "/team/app-cache:main";
            String[] first = build(tmp.resolve("home1"), "--no-lint", "--cache-to", "type=registry,ref=" + ref, "-t", "app:1", context.toString());
            assertThat(first[0]).contains("exported 2 entries");
            String[] second = build(tmp.resolve("home2"), "--no-lint", "--cache-from", ref, "-t", "app:1", context.toString());
            assertThat(second[1]).isEqualTo(first[1]);
            assertThat(second[0]).contains("0 layers built, 2 from the cache");
        }
    }
}
