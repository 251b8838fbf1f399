package dev.lading.build.sandbox;

import dev.lading.build.IdMapping;
import dev.lading.build.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SandboxesTest {

    @TempDir
    Path tmp;

    @Test
    void probesBothAndTheChosenOneRunsACommand() throws IOException {
        Sandboxes s = Sandboxes.probe(HostIds.current(), tmp);
        assertThat(s.probes()).extracting(Sandboxes.Probe::name).containsExactly("bubblewrap", "unshare", "crun", "runc");
        assumeTrue(s.chosen(Optional.empty()).isPresent(), "no sandbox works on this host: " + s.probes());
        Sandbox sandbox = s.choose(Optional.empty());
        Path root = TestRoots.busyboxRoot(Files.createDirectories(tmp.resolve("root")));
        assertThat(sandbox.run(TestRoots.spec(root, "/bin/true")).exitCode()).isZero();
    }

    @Test
    void asRootBubblewrapIsTheDefaultWithIdentityIdsAndOverlay() throws IOException {
        HostIds host = HostIds.current();
        assumeTrue(host.root(), "runs as root only");
        Sandboxes s = Sandboxes.probe(host, tmp);
        for (Sandboxes.Probe p : s.probes()) {
            assumeTrue(p.available(), p.problem());
            assertThat(p.idMode()).isEqualTo(IdMode.IDENTITY);
            assertThat(p.overlay()).as(p.overlayProblem()).isTrue();
            assertThat(p.realIdsForEveryUser()).isTrue();
        }
        Sandbox chosen = s.choose(Optional.empty());
        assertThat(chosen.name()).isEqualTo("bubblewrap");
        assertThat(chosen.idMapping()).isEqualTo(IdMapping.identity());
        assertThat(s.choose(Optional.of("unshare")).name()).isEqualTo("unshare");
    }

    @Test
    void aPreferenceIsHonouredOrExplained() throws IOException {
        Sandboxes s = Sandboxes.probe(HostIds.current(), tmp);
        Sandboxes.Probe bwrap = s.probe("bubblewrap").orElseThrow();
        if (bwrap.available()) {
            assertThat(s.choose(Optional.of("bubblewrap")).name()).isEqualTo("bubblewrap");
            assertThat(bwrap.version()).startsWith("bubblewrap");
        } else {
            assertThatThrownBy(() -> s.choose(Optional.of("bubblewrap"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("bubblewrap");
        }
        assertThatThrownBy(() -> s.choose(Optional.of("docker"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LADING_SANDBOX").hasMessageContaining("bubblewrap, unshare, crun, runc");
    }

    @Test
    void aMissingRuntimeIsUnusableAndSaysWhatToInstall() {
        Sandboxes.Probe p = Sandboxes.probeOciRuntime("no-such-runtime", HostIds.current(), tmp);
        assertThat(p.available()).isFalse();
        assertThat(p.problem()).startsWith("no-such-runtime not installed: apt-get install no-such-runtime");
        assertThat(p.realIdsForEveryUser()).isFalse();
    }

    /** Trying crun and runc costs about half a second: a build that gets bubblewrap or unshare does not pay it. */
    @Test
    void theRuntimesAreProbedOnlyWhenAskedAbout() {
        Sandboxes s = Sandboxes.probe(HostIds.current(), tmp);
        Optional<Sandboxes.Probe> chosen = s.chosen(Optional.empty());
        assumeTrue(chosen.isPresent() && chosen.get().realIdsForEveryUser(), "needs bubblewrap or unshare with real ids");
        assertThat(s.runtimesProbed()).isFalse();
        assertThat(s.chosen(Optional.of("bubblewrap"))).isPresent();
        assertThat(s.runtimesProbed()).isFalse();
        assertThat(s.probes()).hasSize(4);
        assertThat(s.runtimesProbed()).isTrue();
    }

    @Test
    void crunIsChosenOnlyWhenNamedAndSaysWhyNot() throws IOException {
        Sandboxes s = Sandboxes.probe(HostIds.current(), tmp);
        Sandboxes.Probe crun = s.probe("crun").orElseThrow();
        if (crun.available()) {
            Sandbox chosen = s.choose(Optional.of("crun"));
            assertThat(chosen.name()).isEqualTo("crun");
            assertThat(chosen).isInstanceOf(OciRuntimeSandbox.class);
            assertThat(crun.version()).startsWith("crun version");
            assertThat(crun.notes()).contains("--cgroup-manager=disabled");
            if (CgroupMounts.crunRefusesHybrid()) {
                assertThat(crun.notes()).contains("hybrid");
            }
            assertThat(s.choose(Optional.of("CRUN")).name()).isEqualTo("crun");
        } else {
            assertThat(crun.problem()).isNotEmpty();
            assertThatThrownBy(() -> s.choose(Optional.of("crun"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("crun").hasMessageContaining(crun.problem());
        }
        if (s.host().root() && s.probe("bubblewrap").orElseThrow().available()) {
            assertThat(s.choose(Optional.empty()).name()).as("as root bubblewrap stays first").isEqualTo("bubblewrap");
        }
        try (var left = Files.list(tmp)) {
            assertThat(left).as("probe directories are removed").isEmpty();
        }
    }

    @Test
    void preferenceComesFromTheEnvironment() {
        assertThat(Sandboxes.preference(Map.of("LADING_SANDBOX", " unshare "))).contains("unshare");
        assertThat(Sandboxes.preference(Map.of("LADING_SANDBOX", ""))).isEmpty();
        assertThat(Sandboxes.preference(Map.of())).isEmpty();
    }

    @Test
    void theProcessWideProbeIsCached() {
        assertThat(Sandboxes.probe()).isSameAs(Sandboxes.probe());
    }

    @Test
    void subordinateRangesComeFromSubuidByNameOrId() throws IOException {
        Path subuid = Files.writeString(tmp.resolve("subuid"), "alice:100000:65536\n1001:200000:1000\nbroken\n");
        assertThat(HostIds.subordinate(subuid, "alice", 1000)).contains(new HostIds.Range(100000, 65536));
        assertThat(HostIds.subordinate(subuid, "bob", 1001)).contains(new HostIds.Range(200000, 1000));
        assertThat(HostIds.subordinate(subuid, "carol", 1002)).isEmpty();
        assertThat(HostIds.subordinate(tmp.resolve("missing"), "alice", 1000)).isEmpty();
    }

    @Test
    void idModes() {
        HostIds rootless = new HostIds(1000, 1000, "alice", Optional.of(new HostIds.Range(100000, 65536)),
                Optional.of(new HostIds.Range(100000, 65536)));
        assertThat(IdMode.forHost(rootless, true)).isEqualTo(IdMode.SUBORDINATE);
        assertThat(IdMode.SUBORDINATE.mapping(rootless).toHost(0)).hasValue(1000);
        assertThat(IdMode.SUBORDINATE.mapping(rootless).toHost(1000)).hasValue(100999);
        assertThat(IdMode.forHost(rootless, false)).isEqualTo(IdMode.SINGLE);
        HostIds differentRanges = new HostIds(1000, 1000, "alice", rootless.subuid(), Optional.of(new HostIds.Range(300000, 65536)));
        assertThat(IdMode.forHost(differentRanges, true)).isEqualTo(IdMode.SINGLE);
        assertThat(IdMode.SINGLE.mapping(rootless)).isEqualTo(IdMapping.single(0, 1000));
        assertThat(IdMode.forHost(new HostIds(0, 0, "root", Optional.empty(), Optional.empty()), true)).isEqualTo(IdMode.IDENTITY);
        assertThat(List.of(IdMode.values())).allMatch(m -> !m.describe(rootless).isEmpty());
    }
}
