package dev.lading.registry;

import dev.lading.oci.DockerReference;
import dev.lading.oci.OciException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistriesConfTest {

    @TempDir
    Path tmp;

    private static final Path FILE = Path.of("/test/registries.conf");
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    private static RegistriesConf parse(String toml) {
        return RegistriesConf.parse(toml, FILE);
    }

    private static DockerReference ref(String s) {
        return DockerReference.parse(s);
    }

    private static List<String> sources(RegistriesConf conf, String reference) {
        return conf.pullSources(ref(reference)).stream()
                .map(s -> (s.mirror() ? "mirror " : "") + s.reference() + (s.insecure() ? " insecure" : "")).toList();
    }

    @Test
    void onlyFilesThatMayDefineRegistriesAreParsed() {
        // what distributions ship: comments and short-name aliases, one of them named "registry"
        assertThat(RegistriesConf.mayDefineRegistries("""
                # unqualified-search-registries = ["docker.io"]
                [aliases]
                  "fedora" = "registry.fedoraproject.org/fedora"
                  "registry" = "docker.io/library/registry"
                """)).isFalse();
        assertThat(RegistriesConf.mayDefineRegistries("unqualified-search-registries = [\"docker.io\"]\n")).isFalse();
        assertThat(RegistriesConf.mayDefineRegistries("[[registry]]\nprefix = \"a.example\"\n")).isTrue();
        assertThat(RegistriesConf.mayDefineRegistries("[registries.insecure]\nregistries = [\"a.example\"]\n")).isTrue();
        assertThat(RegistriesConf.mayDefineRegistries("registries.block.registries = [\"a.example\"]\n")).isTrue();
        // a registry key after the aliases table has ended belongs to that other table or the file: parsed
        assertThat(RegistriesConf.mayDefineRegistries("""
                [aliases]
                "registry" = "docker.io/library/registry"
                [other]
                registry = 1
                """)).isTrue();
        assertThat(RegistriesConf.mayDefineRegistries("""
                registry = [{prefix = "a.example", blocked = true}]
                [aliases]
                "registry" = "docker.io/library/registry"
                """)).isTrue();
        assertThat(parse("""
                [aliases]
                "registry" = "docker.io/library/registry"
                """).registries()).isEmpty();
    }

    @Test
    void mirrorsComeFirstThenTheRegistryWithTheReferenceRewritten() {
        RegistriesConf conf = parse("""
                unqualified-search-registries = ["docker.io"]

                [[registry]]
                prefix = "docker.io/library"
                location = "docker.io/library"

                [[registry.mirror]]
                location = "mirror.example:5000/hub/library"
                insecure = true

                [[registry.mirror]]
                location = "second.example/lib"
                """);
        assertThat(sources(conf, "alpine:3.20")).containsExactly(
                "mirror mirror.example:5000/hub/library/alpine:3.20 insecure",
                "mirror second.example/lib/alpine:3.20",
                "docker.io/library/alpine:3.20");
        // another namespace of docker.io is not covered by the prefix
        assertThat(sources(conf, "docker.io/acme/app:1")).containsExactly("docker.io/acme/app:1");
    }

    @Test
    void locationRedirectsAPrefixElsewhere() {
        RegistriesConf conf = parse("""
                [[registry]]
                prefix = "example.com/foo"
                location = "internal.example.com/bar"
                insecure = true
                """);
        assertThat(sources(conf, "example.com/foo/app@" + DIGEST)).containsExactly("internal.example.com/bar/app@" + DIGEST + " insecure");
        // a prefix matches only whole components
        assertThat(sources(conf, "example.com/foobar/app:1")).containsExactly("example.com/foobar/app:1");
        assertThat(conf.isInsecure(ref("example.com/foo/app:1"))).isTrue();
        assertThat(conf.isInsecure(ref("example.com/other:1"))).isFalse();
    }

    @Test
    void theLongestPrefixWins() {
        RegistriesConf conf = parse("""
                [[registry]]
                location = "example.com"
                insecure = true

                [[registry]]
                prefix = "example.com/secure"
                location = "example.com/secure"
                """);
        assertThat(conf.isInsecure(ref("example.com/app:1"))).isTrue();
        assertThat(conf.isInsecure(ref("example.com/secure/app:1"))).isFalse();
    }

    @Test
    void wildcardPrefixesMatchSubdomains() {
        RegistriesConf conf = parse("""
                [[registry]]
                prefix = "*.internal.example"
                insecure = true
                """);
        assertThat(conf.isInsecure(ref("reg.internal.example:5000/app:1"))).isTrue();
        assertThat(conf.isInsecure(ref("internal.example/app:1"))).isFalse();
        assertThat(conf.isInsecure(ref("reg.internal.example.evil.com/app:1"))).isFalse();
    }

    @Test
    void pullFromMirrorAndMirrorByDigestOnlyChooseWhichReferencesUseAMirror() {
        RegistriesConf conf = parse("""
                [[registry]]
                location = "quay.io"
                [[registry.mirror]]
                location = "digests.example/quay"
                pull-from-mirror = "digest-only"
                [[registry.mirror]]
                location = "tags.example/quay"
                pull-from-mirror = "tag-only"

                [[registry]]
                location = "ghcr.io"
                mirror-by-digest-only = true
                [[registry.mirror]]
                location = "m.example/ghcr"
                """);
        assertThat(sources(conf, "quay.io/a/b:1")).containsExactly("mirror tags.example/quay/a/b:1", "quay.io/a/b:1");
        assertThat(sources(conf, "quay.io/a/b@" + DIGEST)).containsExactly("mirror digests.example/quay/a/b@" + DIGEST, "quay.io/a/b@" + DIGEST);
        assertThat(sources(conf, "ghcr.io/a/b:1")).containsExactly("ghcr.io/a/b:1");
        assertThat(sources(conf, "ghcr.io/a/b@" + DIGEST)).containsExactly("mirror m.example/ghcr/a/b@" + DIGEST, "ghcr.io/a/b@" + DIGEST);
    }

    @Test
    void blockedRegistriesAreRefusedWithTheFileNamed() {
        RegistriesConf conf = parse("""
                [[registry]]
                location = "evil.example"
                blocked = true
                [[registry.mirror]]
                location = "mirror.example/evil"
                """);
        assertThatThrownBy(() -> conf.pullSources(ref("evil.example/app:1")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("evil.example").hasMessageContaining("blocked").hasMessageContaining(FILE.toString());
        assertThatThrownBy(() -> conf.checkNotBlocked(ref("evil.example/app:1"))).isInstanceOf(RegistryException.class);
        conf.checkNotBlocked(ref("good.example/app:1"));
    }

    @Test
    void version1TablesAreUnderstood() {
        RegistriesConf conf = parse("""
                [registries.search]
                registries = ["docker.io"]
                [registries.insecure]
                registries = ["old.example:5000"]
                [registries.block]
                registries = ["bad.example"]
                """);
        assertThat(conf.isInsecure(ref("old.example:5000/app:1"))).isTrue();
        assertThatThrownBy(() -> conf.checkNotBlocked(ref("bad.example/app:1"))).isInstanceOf(RegistryException.class);
    }

    @Test
    void podmanShortNameAliasesAndOtherKeysAreIgnored() {
        RegistriesConf conf = parse("""
                unqualified-search-registries = ["registry.fedoraproject.org", "docker.io"]
                short-name-mode = "enforcing"
                credential-helpers = ["containers-auth.json"]

                [aliases]
                  # fedora
                  "fedora" = "registry.fedoraproject.org/fedora"
                  "python" = "docker.io/library/python"
                """);
        assertThat(conf.registries()).isEmpty();
        assertThat(sources(conf, "python:3")).containsExactly("docker.io/library/python:3");
    }

    @Test
    void mistakesAreReportedWithTheFile() {
        assertThatThrownBy(() -> parse("[[registry]]\nlocation = \"a.example\"\ninsecure = \"yes\"\n"))
                .isInstanceOf(OciException.class).hasMessageContaining(FILE.toString()).hasMessageContaining("insecure");
        assertThatThrownBy(() -> parse("[[registry]\n")).isInstanceOf(OciException.class).hasMessageContaining("TOML");
        assertThatThrownBy(() -> parse("[[registry]]\nlocation = \"a.example\"\n[[registry.mirror]]\nlocation = \"m\"\npull-from-mirror = \"sometimes\"\n"))
                .isInstanceOf(OciException.class).hasMessageContaining("pull-from-mirror");
        assertThatThrownBy(() -> parse("[[registry]]\nlocation = \"a.example\"\n[[registry]]\nlocation = \"a.example\"\nblocked = true\n"))
                .isInstanceOf(OciException.class).hasMessageContaining("two [[registry]] tables").hasMessageContaining("disagree");
        assertThat(parse("[[registry]]\nlocation = \"a.example\"\n[[registry]]\nlocation = \"a.example\"\n").registries()).hasSize(1);
        assertThatThrownBy(() -> parse("[registries.insecure]\nregistries = [\"a\"]\n[[registry]]\nlocation = \"b.example\"\n"))
                .isInstanceOf(OciException.class).hasMessageContaining("mixes");
        assertThatThrownBy(() -> parse("[[registry]]\nprefix = \"*.example.com\"\nlocation = \"x.example\"\n"))
                .isInstanceOf(OciException.class).hasMessageContaining("wildcard");
    }

    @Test
    void dropInsOverrideTheMainFileByPrefix() throws IOException {
        Path main = Files.writeString(tmp.resolve("registries.conf"), """
                [[registry]]
                location = "a.example"
                insecure = true
                [[registry]]
                location = "b.example"
                insecure = true
                """);
        Path dropIn = Files.writeString(tmp.resolve("50-b.conf"), """
                [[registry]]
                location = "b.example"
                blocked = true
                """);
        RegistriesConf conf = RegistriesConf.load(List.of(main, dropIn, tmp.resolve("missing.conf")));
        assertThat(conf.files()).containsExactly(main, dropIn);
        assertThat(conf.isInsecure(ref("a.example/x:1"))).isTrue();
        assertThat(conf.isInsecure(ref("b.example/x:1"))).isFalse();
        assertThatThrownBy(() -> conf.checkNotBlocked(ref("b.example/x:1"))).hasMessageContaining(dropIn.toString());
    }

    @Test
    void theSystemFileIsTakenFromTheEnvironmentWhenSet() throws IOException {
        Path file = Files.writeString(tmp.resolve("custom.conf"), "[[registry]]\nlocation = \"c.example\"\nblocked = true\n");
        RegistriesConf conf = RegistriesConf.system(new HostEnvironment(Map.of("CONTAINERS_REGISTRIES_CONF", file.toString()), tmp));
        assertThat(conf.files()).containsExactly(file);
        // the user's file is preferred to /etc when it exists
        Path user = tmp.resolve("home/.config/containers");
        Files.createDirectories(user.resolve("registries.conf.d"));
        Files.writeString(user.resolve("registries.conf"), "[[registry]]\nlocation = \"u.example\"\ninsecure = true\n");
        Files.writeString(user.resolve("registries.conf.d/10-x.conf"), "[[registry]]\nlocation = \"x.example\"\ninsecure = true\n");
        RegistriesConf userConf = RegistriesConf.system(new HostEnvironment(Map.of(), tmp.resolve("home")));
        assertThat(userConf.files()).containsExactly(user.resolve("registries.conf"), user.resolve("registries.conf.d/10-x.conf"));
        assertThat(userConf.isInsecure(ref("u.example/a:1"))).isTrue();
    }

    // ---------------------------------------------------------------- short names

    private static List<String> candidates(RegistriesConf conf, String shortName) {
        return conf.resolveShortName(shortName, ref(shortName)).candidates().stream().map(DockerReference::toString).toList();
    }

    @Test
    void shortNamesAreThoseWithoutARegistryHost() {
        assertThat(RegistriesConf.isShortName("alpine")).isTrue();
        assertThat(RegistriesConf.isShortName("team/app:1")).isTrue();
        assertThat(RegistriesConf.isShortName("alpine@" + DIGEST)).isTrue();
        assertThat(RegistriesConf.isShortName("docker.io/library/alpine")).isFalse();
        assertThat(RegistriesConf.isShortName("localhost/app")).isFalse();
        assertThat(RegistriesConf.isShortName("127.0.0.1:5000/app:1")).isFalse();
    }

    @Test
    void withoutSearchRegistriesAShortNameMeansDockerHubAsBefore() {
        RegistriesConf.ShortNameResolution r = parse("[[registry]]\nlocation = \"quay.io\"\n").resolveShortName("alpine:3", ref("alpine:3"));
        assertThat(r.candidates()).containsExactly(ref("docker.io/library/alpine:3"));
        assertThat(r.how()).isEmpty();
        assertThat(RegistriesConf.empty().resolveShortName("alpine", ref("alpine")).how()).isEmpty();
    }

    @Test
    void searchRegistriesAreTriedInOrderKeepingTagAndDigest() {
        RegistriesConf conf = parse("unqualified-search-registries = [\"quay.io\", \"docker.io\", \"127.0.0.1:5000\"]\n");
        assertThat(candidates(conf, "alpine:3")).containsExactly("quay.io/alpine:3", "docker.io/library/alpine:3", "127.0.0.1:5000/alpine:3");
        assertThat(candidates(conf, "team/app@" + DIGEST)).containsExactly("quay.io/team/app@" + DIGEST,
                "docker.io/team/app@" + DIGEST, "127.0.0.1:5000/team/app@" + DIGEST);
        assertThat(conf.resolveShortName("alpine", ref("alpine")).how()).isEqualTo("unqualified-search-registries in " + FILE);
        // version 1 says the same with [registries.search]
        assertThat(candidates(parse("[registries.search]\nregistries = ['r1.example', 'r2.example']\n"), "app"))
                .containsExactly("r1.example/app:latest", "r2.example/app:latest");
    }

    @Test
    void enforcingRefusesAnAmbiguousShortNameButNotAnAliasedOrSingleOne() {
        RegistriesConf conf = parse("""
                unqualified-search-registries = ["quay.io", "docker.io"]
                short-name-mode = "enforcing"
                [aliases]
                "app" = "quay.io/team/app"
                """);
        assertThatThrownBy(() -> conf.resolveShortName("alpine:3", ref("alpine:3")))
                .isInstanceOf(OciException.class)
                .hasMessageContaining("short name \"alpine\" is ambiguous")
                .hasMessageContaining("short-name-mode is \"enforcing\"")
                .hasMessageContaining("use a fully qualified name such as quay.io/alpine");
        RegistriesConf.ShortNameResolution aliased = conf.resolveShortName("app:2", ref("app:2"));
        assertThat(aliased.candidates()).containsExactly(ref("quay.io/team/app:2"));
        assertThat(aliased.how()).isEqualTo("alias in " + FILE);
        assertThat(candidates(parse("unqualified-search-registries = [\"quay.io\"]\nshort-name-mode = \"enforcing\"\n"), "alpine"))
                .containsExactly("quay.io/alpine:latest");
        // permissive (the default) and disabled try them all
        assertThat(candidates(parse("unqualified-search-registries = [\"a.example\", \"b.example\"]\n"), "x")).hasSize(2);
        assertThat(candidates(parse("unqualified-search-registries = [\"a.example\", \"b.example\"]\nshort-name-mode = \"disabled\"\n"), "x")).hasSize(2);
    }

    @Test
    void dropInsOverrideSearchModeAndAliasesInOrder() throws IOException {
        Path main = Files.writeString(tmp.resolve("registries.conf"), """
                unqualified-search-registries = ["a.example", "b.example"]
                short-name-mode = "enforcing"
                [aliases]
                "app" = "a.example/team/app"
                "tool" = "a.example/tool"
                """);
        Path d = Files.createDirectories(tmp.resolve("registries.conf.d"));
        Path first = Files.writeString(d.resolve("10-search.conf"), "unqualified-search-registries = [\"c.example\"]\n");
        Path second = Files.writeString(d.resolve("20-aliases.conf"), "[aliases]\n\"app\" = \"c.example/other/app\"\n\"tool\" = \"\"\n");
        RegistriesConf conf = RegistriesConf.load(List.of(main, first, second));
        assertThat(candidates(conf, "app")).containsExactly("c.example/other/app:latest");
        assertThat(conf.resolveShortName("app", ref("app")).how()).isEqualTo("alias in " + second);
        // the alias erased with "": the search list of the later file, one registry, so no ambiguity
        assertThat(candidates(conf, "tool")).containsExactly("c.example/tool:latest");
        assertThat(conf.resolveShortName("tool", ref("tool")).how()).isEqualTo("unqualified-search-registries in " + first);
    }

    @Test
    void badShortNameSettingsNameTheFile() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("short-name-mode = \"prompt\"\n", "short-name-mode must be");
        bad.put("unqualified-search-registries = \"quay.io\"\n", "must be an array of strings");
        bad.put("unqualified-search-registries = [\"quay.io/ns\"]\n", "wants host[:port] names, got \"quay.io/ns\"");
        bad.put("[aliases]\n\"quay.io/app\" = \"quay.io/app\"\n", "the name must be a short name");
        bad.put("[aliases]\n\"app:1\" = \"quay.io/app\"\n", "the name must be a short name");
        bad.put("[aliases]\n\"app\" = \"team/app\"\n", "must be a fully qualified name without tag or digest");
        bad.put("[aliases]\n\"app\" = \"quay.io/app:1\"\n", "must be a fully qualified name without tag or digest");
        bad.put("[aliases]\n\"app\" = \"quay.io/App\"\n", "repository name must be lowercase");
        bad.put("[aliases]\n\"app\" = 1\n", "must be a string");
        bad.put("unqualified-search-registries = [\"a.example\"]\n[registries.search]\nregistries = [\"b.example\"]\n", "use one");
        bad.put("[aliases\n", "not valid TOML");
        for (var e : bad.entrySet()) {
            RegistriesConf conf = parse(e.getKey());
            assertThatThrownBy(() -> conf.resolveShortName("app", ref("app"))).as(e.getKey())
                    .isInstanceOf(OciException.class).hasMessageContaining(FILE.toString()).hasMessageContaining(e.getValue());
        }
    }
}
