package dev.lading.cli;

import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.TestImages;
import dev.lading.registry.testing.RegistryFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Short names pulled through registries.conf's unqualified-search-registries and aliases, with real registries. */
@Tag("integration")
class ShortNamesCommandTest {

    @TempDir
    Path tmp;

    /** A separate process with its own store: a bare name is looked up in the store before the registries. */
    private Cli.Result run(String... args) throws Exception {
        return Cli.runProcess(java.util.Map.of("LADING_HOME", tmp.resolve("home").toString()), args);
    }

    @Test
    void aShortNameIsPulledFromTheSearchRegistryThatHasItAndTheChoiceIsPrinted() throws Exception {
        TestImages.Image image = TestImages.simple();
        Path src = tmp.resolve("src");
        TestImages.store(OciLayout.createOrOpen(src), image, "v1");
        String digest = image.manifestDescriptor().digest().toString();
        try (RegistryFixture first = RegistryFixture.anonymous(); RegistryFixture second = RegistryFixture.anonymous()) {
            Cli.Result push = Cli.run("copy", "-q", "oci:" + src + ":v1", "docker://" + second.host() + "/shortnames-test/app:1");
            assertThat(push.exitCode()).as(push.err()).isZero();
            Path conf = Files.writeString(tmp.resolve("registries.conf"),
                    "unqualified-search-registries = [\"%s\", \"%s\"]\n".formatted(first.host(), second.host()));

            Path pulled = tmp.resolve("pulled");
            Cli.Result pull = run("copy", "-q", "--registries-conf", conf.toString(), "shortnames-test/app:1", "oci:" + pulled + ":app");
            assertThat(pull.exitCode()).as(pull.err()).isZero();
            assertThat(pull.err()).contains("lading: short name shortnames-test/app resolved to " + second.host()
                    + "/shortnames-test/app:1 (unqualified-search-registries in " + conf + ")");
            assertThat(OciLayout.open(pulled).resolveReference("app").digest().toString()).isEqualTo(digest);

            Cli.Result inspect = run("inspect", "--registries-conf", conf.toString(), "shortnames-test/app:1");
            assertThat(inspect.exitCode()).as(inspect.err()).isZero();
            assertThat(inspect.out()).contains(digest);

            Cli.Result missing = run("copy", "-q", "--registries-conf", conf.toString(), "shortnames-test/none:1", "oci:" + pulled + ":x");
            assertThat(missing.exitCode()).isNotZero();
            assertThat(missing.err()).contains("short name shortnames-test/none:1 was not found").contains(first.host())
                    .contains(second.host()).doesNotContain("Exception:");

            Files.writeString(conf, "short-name-mode = \"enforcing\"\n", java.nio.file.StandardOpenOption.APPEND);
            Cli.Result ambiguous = run("copy", "-q", "--registries-conf", conf.toString(), "shortnames-test/app:1", "oci:" + pulled + ":y");
            assertThat(ambiguous.exitCode()).isNotZero();
            assertThat(ambiguous.err()).contains("short name \"shortnames-test/app\" is ambiguous")
                    .contains("use a fully qualified name such as " + first.host() + "/shortnames-test/app").doesNotContain("Exception:");

            Files.writeString(conf, "[aliases]\n\"app\" = \"%s/shortnames-test/app\"\n".formatted(second.host()), java.nio.file.StandardOpenOption.APPEND);
            Path dir = Files.createDirectories(tmp.resolve("ctx"));
            Files.writeString(dir.resolve("Dockerfile"), "FROM app:1\nLABEL built=yes\n");
            Cli.Result build = run("build", "--registries-conf", conf.toString(), "--output", "type=oci,dest=" + tmp.resolve("built"), dir.toString());
            assertThat(build.exitCode()).as(build.err()).isZero();
            assertThat(build.err()).contains("short name app resolved to " + second.host() + "/shortnames-test/app:1 (alias in " + conf + ")");
        }
    }
}
