package dev.lading.scan.policy;

import dev.lading.oci.ImageConfig;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.testing.TestImages;
import dev.lading.scan.policy.PolicyResult.Status;
import dev.lading.scan.secrets.ImageFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImagePolicyTest {
    @TempDir
    Path tmp;

    private static final Map<String, String> GOOD_LABELS = Map.of(
            "org.opencontainers.image.source", "https://github.com/acme/app",
            "org.opencontainers.image.version", "1.2.3",
            "org.opencontainers.image.revision", "0123abc",
            "org.opencontainers.image.created", "2026-01-01T00:00:00Z",
            "org.opencontainers.image.base.name", "gcr.io/distroless/static:nonroot",
            "org.opencontainers.image.base.digest", "sha256:" + "a".repeat(64));

    /** A distroless-like image every rule passes. */
    private static ImageConfig.Config good() {
        return ImageConfig.Config.EMPTY.withUser("65532:65532").withEntrypoint(List.of("/app/server"))
                .withHealthcheck(new ImageConfig.Healthcheck(List.of("CMD", "/app/server", "--health"), null, null, null, null, null))
                .withLabels(GOOD_LABELS);
    }

    private static TestImages.Layer appLayer() throws Exception {
        return ImageFixture.layer(LayerEntry.directory("app", 0755), LayerEntry.file("app/server", 0755, "ELF"),
                LayerEntry.directory("etc", 0755), LayerEntry.file("etc/passwd", 0644, "nonroot:x:65532:65532::/home/nonroot:/sbin/nologin\n"));
    }

    private List<PolicyResult> check(PolicyConfig config, ImageConfig.Config run, TestImages.Layer... layers) throws Exception {
        return check(config, run, null, layers);
    }

    private List<PolicyResult> check(PolicyConfig config, ImageConfig.Config run, Map<String, String> annotations,
                                     TestImages.Layer... layers) throws Exception {
        try (ImageFixture.Opened o = ImageFixture.open(tmp, ImageFixture.image(run, List.of(), annotations, List.of(layers)))) {
            return ImagePolicy.check(o.reader(), o.image(), config);
        }
    }

    private static PolicyResult result(List<PolicyResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aDistrolessStyleImagePassesEveryRuleAndResultsComeInIdOrder() throws Exception {
        List<PolicyResult> r = check(PolicyConfig.DEFAULT.withBudget(1_000_000L, 5), good(), appLayer());
        assertThat(r).extracting(PolicyResult::id).containsExactly("IM001", "IM002", "IM003", "IM005", "IM006", "IM008");
        assertThat(r).allSatisfy(x -> assertThat(x.status()).as(x.toString()).isEqualTo(Status.PASS));
    }

    @Test
    void im001NonRootNumericUser() {
        assertThat(ImagePolicy.user(ImageConfig.Config.EMPTY.withUser("1000")).status()).isEqualTo(Status.PASS);
        assertThat(ImagePolicy.user(ImageConfig.Config.EMPTY.withUser("1000:1000")).status()).isEqualTo(Status.PASS);
        assertThat(ImagePolicy.user(ImageConfig.Config.EMPTY).status()).isEqualTo(Status.FAIL);
        assertThat(ImagePolicy.user(ImageConfig.Config.EMPTY.withUser("")).status()).isEqualTo(Status.FAIL);
        assertThat(ImagePolicy.user(ImageConfig.Config.EMPTY.withUser("root")).status()).isEqualTo(Status.FAIL);
        assertThat(ImagePolicy.user(ImageConfig.Config.EMPTY.withUser("0")).status()).isEqualTo(Status.FAIL);
        assertThat(ImagePolicy.user(ImageConfig.Config.EMPTY.withUser("0:0")).status()).isEqualTo(Status.FAIL);
        PolicyResult named = ImagePolicy.user(ImageConfig.Config.EMPTY.withUser("app"));
        assertThat(named.status()).isEqualTo(Status.WARN);
        assertThat(named.message()).contains("not numeric");
    }

    @Test
    void im002ShellsAndPackageManagersFailUnlessAllowed() throws Exception {
        TestImages.Layer debian = ImageFixture.layer(LayerEntry.directory("usr", 0755), LayerEntry.directory("usr/bin", 0755),
                LayerEntry.file("usr/bin/bash", 0755, "ELF"), LayerEntry.symlink("usr/bin/sh", "bash"),
                LayerEntry.file("usr/bin/apt-get", 0755, "ELF"), LayerEntry.file("usr/bin/dpkg", 0755, "ELF"),
                LayerEntry.file("usr/local/bin/pip3.12", 0755, "#!python"), LayerEntry.file("usr/bin/shasum", 0755, "ELF"),
                LayerEntry.directory("sbin", 0755), LayerEntry.file("sbin/apk", 0755, "ELF"));
        PolicyResult r = result(check(PolicyConfig.DEFAULT, good(), appLayer(), debian), "IM002");
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.details()).containsExactly("shell: /usr/bin/bash", "shell: /usr/bin/sh", "package manager: /sbin/apk",
                "package manager: /usr/bin/apt-get", "package manager: /usr/bin/dpkg", "package manager: /usr/local/bin/pip3.12");

        PolicyConfig allow = PolicyConfig.DEFAULT.withAllowedTools(List.of("/usr/bin/*sh", "/usr/bin/bash", "/usr/bin/apt*",
                "/usr/bin/dpkg", "/usr/local/bin/pip*", "/sbin/apk"));
        assertThat(result(check(allow, good(), appLayer(), debian), "IM002").status()).isEqualTo(Status.PASS);
    }

    @Test
    void im002AShellDeletedByALaterLayerIsGone() throws Exception {
        TestImages.Layer withShell = ImageFixture.layer(LayerEntry.directory("bin", 0755), LayerEntry.file("bin/sh", 0755, "ELF"));
        TestImages.Layer removal = ImageFixture.layer(LayerEntry.whiteout("bin/sh"));
        assertThat(result(check(PolicyConfig.DEFAULT, good(), withShell, removal), "IM002").status()).isEqualTo(Status.PASS);
    }

    @Test
    void im003CompilersHeadersAndGitFail() throws Exception {
        TestImages.Layer dev = ImageFixture.layer(LayerEntry.file("usr/bin/gcc-12", 0755, "ELF"), LayerEntry.symlink("usr/bin/cc", "gcc-12"),
                LayerEntry.file("usr/lib/jvm/jdk-21/bin/javac", 0755, "ELF"), LayerEntry.file("usr/local/go/bin/go", 0755, "ELF"),
                LayerEntry.file("usr/include/stdio.h", 0644, "#pragma once"), LayerEntry.file("usr/include/sys/types.h", 0644, "x"),
                LayerEntry.directory("app/.git", 0755), LayerEntry.file("app/.git/HEAD", 0644, "ref: refs/heads/main\n"),
                LayerEntry.file("usr/bin/gcov-dump-not-a-compiler", 0755, "x"));
        PolicyResult r = result(check(PolicyConfig.DEFAULT, good(), appLayer(), dev), "IM003");
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.details()).containsExactly("compiler: /usr/bin/cc", "compiler: /usr/bin/gcc-12", "compiler: /usr/lib/jvm/jdk-21/bin/javac",
                "compiler: /usr/local/go/bin/go", "2 header files, e.g. /usr/include/stdio.h, /usr/include/sys/types.h",
                "git repository: /app/.git");
        assertThat(r.message()).contains("4 compilers", "2 headers", "1 .git directory");

        PolicyConfig allow = PolicyConfig.DEFAULT.withAllowedDevPaths(List.of("/usr/**", "/app/.git/**", "/app/.git"));
        assertThat(result(check(allow, good(), appLayer(), dev), "IM003").status()).isEqualTo(Status.PASS);
    }

    @Test
    void im005HealthcheckAndExecFormEntrypoint() throws Exception {
        ImageConfig.Config noHealth = good().withHealthcheck(null);
        PolicyResult r = result(check(PolicyConfig.DEFAULT, noHealth, appLayer()), "IM005");
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.message()).isEqualTo("no HEALTHCHECK");
        assertThat(result(check(PolicyConfig.DEFAULT.withHealthcheckOptional(true), noHealth, appLayer()), "IM005").status())
                .isEqualTo(Status.PASS);

        ImageConfig.Config disabled = good().withHealthcheck(new ImageConfig.Healthcheck(List.of("NONE"), null, null, null, null, null));
        assertThat(result(check(PolicyConfig.DEFAULT, disabled, appLayer()), "IM005").status()).isEqualTo(Status.FAIL);

        ImageConfig.Config shellForm = good().withEntrypoint(List.of("/bin/sh", "-c", "exec /app/server"));
        PolicyResult shell = result(check(PolicyConfig.DEFAULT, shellForm, appLayer()), "IM005");
        assertThat(shell.status()).isEqualTo(Status.FAIL);
        assertThat(shell.message()).isEqualTo("ENTRYPOINT in shell form");

        ImageConfig.Config shellCmd = good().withEntrypoint(null).withCmd(List.of("/bin/sh", "-c", "/app/server"));
        assertThat(result(check(PolicyConfig.DEFAULT, shellCmd, appLayer()), "IM005").message()).isEqualTo("CMD in shell form");

        ImageConfig.Config nothing = good().withEntrypoint(null);
        assertThat(result(check(PolicyConfig.DEFAULT, nothing, appLayer()), "IM005").status()).isEqualTo(Status.WARN);
    }

    @Test
    void im006LabelsAndBaseImage() throws Exception {
        Map<String, String> noSource = new LinkedHashMap<>(GOOD_LABELS);
        noSource.remove("org.opencontainers.image.source");
        PolicyResult missing = result(check(PolicyConfig.DEFAULT, good().withLabels(noSource), appLayer()), "IM006");
        assertThat(missing.status()).isEqualTo(Status.FAIL);
        assertThat(missing.details()).containsExactly("missing label: org.opencontainers.image.source");

        Map<String, String> noBase = new LinkedHashMap<>(GOOD_LABELS);
        noBase.remove("org.opencontainers.image.base.name");
        noBase.remove("org.opencontainers.image.base.digest");
        PolicyResult base = result(check(PolicyConfig.DEFAULT, good().withLabels(noBase), appLayer()), "IM006");
        assertThat(base.status()).isEqualTo(Status.WARN);
        assertThat(base.details()).hasSize(2);

        // buildkit records the base as manifest annotations: those count too
        Map<String, String> annotations = Map.of("org.opencontainers.image.base.name", "docker.io/library/alpine:3.20",
                "org.opencontainers.image.base.digest", "sha256:" + "b".repeat(64));
        assertThat(result(check(PolicyConfig.DEFAULT, good().withLabels(noBase), annotations, appLayer()), "IM006").status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void im008SizeAndLayerBudget() throws Exception {
        TestImages.Layer a = appLayer();
        TestImages.Layer b = ImageFixture.layer(Map.of("app/data.txt", "data\n"));
        long size = a.descriptor().size() + b.descriptor().size();
        assertThat(result(check(PolicyConfig.DEFAULT, good(), a, b), "IM008").status()).isEqualTo(Status.SKIP);
        assertThat(result(check(PolicyConfig.DEFAULT.withBudget(size, 2), good(), a, b), "IM008").status()).isEqualTo(Status.PASS);
        PolicyResult over = result(check(PolicyConfig.DEFAULT.withBudget(size - 1, 1), good(), a, b), "IM008");
        assertThat(over.status()).isEqualTo(Status.FAIL);
        assertThat(over.message()).isEqualTo("over budget: size " + size + " > " + (size - 1) + " bytes, 2 layers > 1");
    }

    @Test
    void disabledRulesAreSkippedAndUnknownOnesRejected() throws Exception {
        List<PolicyResult> r = check(PolicyConfig.DEFAULT.withDisabledRules(Set.of("IM001", "IM005")), ImageConfig.Config.EMPTY, appLayer());
        assertThat(result(r, "IM001").status()).isEqualTo(Status.SKIP);
        assertThat(result(r, "IM005").status()).isEqualTo(Status.SKIP);
        assertThatThrownBy(() -> new ImagePolicy(PolicyConfig.DEFAULT.withDisabledRules(Set.of("IM999"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IM999");
    }

    @Test
    void globsStayWithinASegmentUnlessDoubled() {
        assertThat(Glob.of("/usr/bin/*").matches("/usr/bin/pip")).isTrue();
        assertThat(Glob.of("/usr/bin/*").matches("/usr/bin/x/pip")).isFalse();
        assertThat(Glob.of("/usr/**").matches("/usr/bin/x/pip")).isTrue();
        assertThat(Glob.of("/app/**/*.sh").matches("/app/a.sh")).isTrue();
        assertThat(Glob.of("/a?c").matches("/abc")).isTrue();
        assertThat(Glob.of("/a.c").matches("/abc")).isFalse();
    }
}
