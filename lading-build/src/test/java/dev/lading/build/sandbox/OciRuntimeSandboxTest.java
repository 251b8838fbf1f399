package dev.lading.build.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lading.build.Sandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sandbox contract for crun (and, through {@link RuncSandboxTest}, runc), plus its config.json, the hybrid
 * cgroup detection and rootless id ranges.
 */
class OciRuntimeSandboxTest extends SandboxContract {

    /** The runtime under test. */
    String runtime() {
        return "crun";
    }

    @BeforeEach
    void requireRuntime() {
        assumeTrue(Layout.tool(runtime()).isPresent() && Layout.tool("unshare").isPresent() && Layout.tool("setpriv").isPresent(),
                "needs " + runtime() + " and util-linux: apt-get install " + runtime() + " util-linux");
    }

    @Override
    Sandbox sandbox(Path tempDir) {
        return new OciRuntimeSandbox(runtime(), host, IdMode.forHost(host, Layout.tool("newuidmap").isPresent()), tempDir);
    }

    @Override
    boolean setsGroups() {
        return true;
    }

    @Override
    boolean setsHome() {
        return true;
    }

    @Override
    boolean runsOtherUidsAsRoot() {
        return true;
    }

    @Override
    boolean overlaySupported() {
        return true;
    }

    @Override
    boolean rootlessOverlay() {
        return true;
    }

    @Override
    String name() {
        return runtime();
    }

    @Test
    void theBundleAndStateAreDeletedAfterARun() throws Exception {
        Path sandboxTmp = Files.createDirectories(tmp.resolve("sandbox-tmp"));
        assertThat(run(spec("/bin/true")).exitCode()).isZero();
        assertThat(run(spec("/bin/sh", "-c", "exit 3")).exitCode()).isEqualTo(3);
        try (var left = Files.list(sandboxTmp)) {
            assertThat(left).isEmpty();
        }
    }

    /**
     * An interrupted RUN (the runtime killed with its pid namespace) leaves no bundle or state, no mount, and, as
     * root, no cgroup (runc makes one per container and cannot be told not to; 'delete --force' removes it).
     */
    @Test
    void anInterruptedRunLeavesNoStateMountOrCgroup() throws Exception {
        Path sandboxTmp = Files.createDirectories(tmp.resolve("sandbox-tmp"));
        Thread t = new Thread(() -> {
            try {
                run(spec("/bin/sleep", "30"));
            } catch (Exception e) {
                // interrupted, as intended
            }
        });
        t.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && !Files.readString(Path.of("/proc/self/mountinfo")).contains(sandboxTmp.toString())
                && ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains("sleep 30"))) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        t.interrupt();
        t.join(15_000);
        assertThat(t.isAlive()).isFalse();
        try (var left = Files.list(sandboxTmp)) {
            assertThat(left).isEmpty();
        }
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(tmp.toString());
        Path pids = Path.of("/sys/fs/cgroup/pids");
        if (host.root() && Files.isDirectory(pids)) {
            try (var s = Files.walk(pids, 3)) {
                assertThat(s.filter(p -> p.getFileName().toString().startsWith("lading-")).toList()).isEmpty();
            }
        }
    }

    /** As with bubblewrap: an argv[0] that is not there is a failure to start, not an exit code. */
    @Test
    void aMissingExecutableIsAnIOExceptionThatNamesIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(spec("/no/such/tool")))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("/no/such/tool")
                .hasMessageContaining("the " + runtime() + " sandbox did not start");
    }

    @Test
    void configAsRootHasNoUserNamespaceAndDockersCapabilitiesOnlyForRoot() {
        HostIds root = new HostIds(0, 0, "root", Optional.empty(), Optional.empty());
        OciRuntimeSandbox s = new OciRuntimeSandbox("crun", root, IdMode.IDENTITY, tmp, false);
        Sandbox.RunSpec spec = new Sandbox.RunSpec(new Sandbox.Root.Directory(tmp), List.of("/bin/sh", "-c", "x"),
                List.of("A=1"), 1000, 1001, List.of(1001L, 50L), "/w", Sandbox.Network.NONE,
                List.of(new Sandbox.Mount.Bind(tmp, "/c", false), new Sandbox.Mount.Tmpfs("/t", 4096)), "h", l -> { });
        JsonNode c = tree(s.config(spec, tmp, false, List.of("/etc/resolv.conf")));
        assertThat(c.at("/process/user/uid").asLong()).isEqualTo(1000);
        assertThat(c.at("/process/user/additionalGids").toString()).isEqualTo("[1001,50]");
        assertThat(c.at("/process/capabilities/effective")).isEmpty();
        assertThat(c.at("/process/capabilities/bounding")).hasSize(13);
        assertThat(c.at("/linux/namespaces").findValuesAsText("type")).containsExactly("pid", "ipc", "uts", "mount", "network");
        assertThat(c.at("/linux").has("uidMappings")).isFalse();
        assertThat(c.at("/linux").has("resources")).as("no cgroups").isFalse();
        assertThat(c.at("/mounts").findValuesAsText("destination"))
                .containsExactly("/proc", "/dev", "/dev/pts", "/dev/shm", "/etc/resolv.conf", "/c", "/t");
        assertThat(c.at("/mounts/5/options").toString()).isEqualTo("[\"rbind\",\"rw\"]");
        assertThat(c.at("/mounts/6/options").toString()).isEqualTo("[\"mode=1777\",\"size=4096\"]");
        assertThat(c.at("/hostname").asText()).isEqualTo("h");
    }

    @Test
    void rootlessConfigMapsRelativeToTheOuterUserNamespace() {
        HostIds single = new HostIds(1000, 1000, "alice", Optional.empty(), Optional.empty());
        Sandbox.RunSpec spec = new Sandbox.RunSpec(new Sandbox.Root.Directory(tmp), List.of("/bin/true"), List.of(),
                1000, 1000, List.of(1000L), "/", Sandbox.Network.DEFAULT, List.of(), "h", l -> { });
        JsonNode c = tree(new OciRuntimeSandbox("crun", single, IdMode.SINGLE, tmp, false).config(spec, tmp, false, List.of()));
        assertThat(c.at("/linux/uidMappings").toString()).isEqualTo("[{\"containerID\":1000,\"hostID\":0,\"size\":1}]");
        assertThat(c.at("/process/user").has("additionalGids")).isFalse();
        assertThat(c.at("/linux/namespaces").findValuesAsText("type")).containsExactly("pid", "ipc", "uts", "mount", "user");
        HostIds.Range range = new HostIds.Range(100000, 65536);
        HostIds sub = new HostIds(1000, 1000, "alice", Optional.of(range), Optional.of(range));
        JsonNode d = tree(new OciRuntimeSandbox("crun", sub, IdMode.SUBORDINATE, tmp, false).config(spec, tmp, false, List.of()));
        assertThat(d.at("/linux/gidMappings").toString()).isEqualTo("[{\"containerID\":0,\"hostID\":0,\"size\":1},"
                + "{\"containerID\":1,\"hostID\":1,\"size\":65536}]");
    }

    static JsonNode tree(java.util.Map<String, Object> config) {
        try {
            return dev.lading.oci.Json.mapper().readTree(OciRuntimeSandbox.json(config));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void jsonTextEscapesWhatArgvCanHold() {
        JsonNode n = tree(java.util.Map.of("args", List.of("a\"b", "back\\slash", "two\nlines", "tab\there", "\u0001", "ü")));
        assertThat(n.get("args").findValuesAsText("x")).isEmpty();
        List<String> back = new ArrayList<>();
        n.get("args").forEach(a -> back.add(a.asText()));
        assertThat(back).containsExactly("a\"b", "back\\slash", "two\nlines", "tab\there", "\u0001", "ü");
    }

    @Test
    void hybridCgroupsAreDetectedAsCrunDoes() {
        List<String> hybrid = List.of("30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
                "40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");
        assertThat(CgroupMounts.refusesHybrid(hybrid, List.of("hugetlb"))).isTrue();
        assertThat(CgroupMounts.refusesHybrid(hybrid, List.of(""))).as("no controllers: crun accepts it").isFalse();
        List<String> masked = new ArrayList<>(hybrid);
        masked.add("90 40 0:99 / /sys/fs/cgroup/unified rw,relatime shared:5 - tmpfs none rw");
        assertThat(CgroupMounts.refusesHybrid(masked, List.of("hugetlb"))).as("covered by a later mount").isFalse();
        List<String> unified = List.of("30 22 0:27 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate");
        assertThat(CgroupMounts.refusesHybrid(unified, List.of("cpu memory"))).isFalse();
    }

    /** Where the host is hybrid, crun alone fails and the workaround is what makes it work. */
    @Test
    void theHybridWorkaroundIsAppliedOnlyWhereCrunNeedsIt() throws Exception {
        OciRuntimeSandbox detected = (OciRuntimeSandbox) sandbox(tmp);
        assertThat(detected.masksUnifiedCgroup()).isEqualTo(runtime().equals("crun") && CgroupMounts.crunRefusesHybrid());
        assumeTrue(detected.masksUnifiedCgroup(), "this host is not a hybrid cgroup host");
        Path sandboxTmp = Files.createDirectories(tmp.resolve("sandbox-tmp"));
        OciRuntimeSandbox without = new OciRuntimeSandbox(runtime(), host, detected.mode(), sandboxTmp, false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> without.run(spec("/bin/true")))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("hybrid");
        assertThat(run(spec("/bin/true")).exitCode()).isZero();
    }

    /**
     * Rootless with a subordinate range (the same trick as UnshareSandboxTest: a file granting nobody
     * 200000+65536 bind-mounted over /etc/subuid and /etc/subgid in a private mount namespace), once as the host
     * is, and once with an empty tmpfs over /sys/fs/cgroup/unified already in place, so that lading detects a
     * host crun accepts as it is and starts it without the workaround.
     */
    @Test
    @Tag("integration")
    void rootlessWithASubordinateRangeGivesEveryIdItsOwnHostId() throws Exception {
        assumeTrue(host.root(), "starts the rootless JVM with setpriv, which needs root");
        assumeTrue(Layout.tool("newuidmap").isPresent() && Layout.tool("newgidmap").isPresent(),
                "needs newuidmap and newgidmap: apt-get install uidmap");
        Path main = Path.of(RootlessMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path classes = Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeTrue(Files.isDirectory(main) && Files.isDirectory(classes), "needs the classes as directories");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path sandboxTmp = Files.createDirectories(tmp.resolve("nobody-tmp"));
        Path ranges = Files.writeString(tmp.resolve("subids"), "nobody:200000:65536\n");
        Files.setPosixFilePermissions(ranges, PosixFilePermissions.fromString("rw-r--r--"));
        for (Path p : List.of(root, sandboxTmp)) {
            assertThat(new ProcessBuilder("chown", "-R", "65534:65534", p.toString()).start().waitFor()).isZero();
        }
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        for (String maskFirst : List.of("", "mount -t tmpfs none " + CgroupMounts.UNIFIED + " && ")) {
            List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                    maskFirst + "mount --bind \"$0\" /etc/subuid && mount --bind \"$0\" /etc/subgid && exec \"$@\"",
                    ranges.toString(), "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", javaBin,
                    "-Djava.io.tmpdir=" + sandboxTmp, "-cp", main + ":" + classes, RootlessMain.class.getName(),
                    runtime(), root.toString(), "1000", "1000", "DEFAULT", "/bin/sh", "-c",
                    "id; touch '/work dir/f' && chown 1234:1235 '/work dir/f'; echo $?; rm '/work dir/f'"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            assertThat(out).as(out).contains("mapping=IdMapping[ranges=[Range[inside=0, outside=65534, count=1], "
                    + "Range[inside=1, outside=200000, count=65536]]]").contains("uid=1000 gid=1000").contains("exit=0");
            assertThat(out).as("a non-root RUN cannot chown").contains("\n1\n");
        }
        Path f = root.resolve("work dir/g");
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                "mount --bind \"$0\" /etc/subuid && mount --bind \"$0\" /etc/subgid && exec \"$@\"", ranges.toString(),
                "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", javaBin, "-Djava.io.tmpdir=" + sandboxTmp,
                "-cp", main + ":" + classes, RootlessMain.class.getName(), runtime(), root.toString(), "0", "0",
                "DEFAULT", "/bin/sh", "-c", "touch '/work dir/g' && chown 1000:1001 '/work dir/g' && echo chowned"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out).as(out).contains("chowned").contains("exit=0");
        assertThat(owner(f)).isEqualTo("200999:201000");
        try (var left = Files.list(sandboxTmp)) {
            assertThat(left).as("temporary files of the sandbox and its probe").isEmpty();
        }
    }
}
