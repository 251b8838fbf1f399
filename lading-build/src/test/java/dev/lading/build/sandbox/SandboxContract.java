package dev.lading.build.sandbox;

import dev.lading.build.Sandbox;
import dev.lading.build.Sandbox.Mount;
import dev.lading.build.Sandbox.Network;
import dev.lading.build.Sandbox.RunResult;
import dev.lading.build.Sandbox.RunSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.lading.build.sandbox.TestRoots.listing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What every sandbox must do; a subclass per implementation supplies it and skips when its tool is missing. */
abstract class SandboxContract {

    @TempDir
    Path tmp;
    Path root;
    HostIds host = HostIds.current();

    abstract Sandbox sandbox(Path tempDir);

    /** Whether the sandbox sets the RUN's supplementary groups (bubblewrap keeps lading's own). */
    abstract boolean setsGroups();

    /** Whether the sandbox adds PWD to the environment (bwrap always does). */
    boolean setsPwd() {
        return false;
    }

    /** Whether lines written to stdout and stderr close together arrive in the order written (runc: not always). */
    boolean keepsStdoutAndStderrInOrder() {
        return true;
    }

    /** Whether the sandbox adds HOME when the environment has none (OCI runtimes do, as runc and Docker do). */
    boolean setsHome() {
        return false;
    }

    /** Whether the sandbox can run a non-root uid with real ids on disk while lading is root. */
    abstract boolean runsOtherUidsAsRoot();

    @BeforeEach
    void makeRoot() throws IOException {
        root = TestRoots.busyboxRoot(Files.createDirectories(tmp.resolve("root")));
    }

    RunResult run(RunSpec spec) throws IOException {
        return sandbox(Files.createDirectories(tmp.resolve("sandbox-tmp"))).run(spec);
    }

    RunSpec spec(String... argv) {
        return TestRoots.spec(root, argv);
    }

    static RunSpec with(RunSpec s, List<String> env, long uid, long gid, List<Long> groups, String workdir,
                        Network network, List<Mount> mounts, TestRoots.Lines lines) {
        return new RunSpec(s.root(), s.argv(), env, uid, gid, groups, workdir, network, mounts, s.hostname(), lines::accept);
    }

    RunResult runCollecting(RunSpec s, TestRoots.Lines lines) throws IOException {
        return run(new RunSpec(s.root(), s.argv(), s.env(), s.uid(), s.gid(), s.groups(), s.workdir(), s.network(),
                s.mounts(), s.hostname(), lines::accept));
    }

    @Test
    void exitCodeIsAResult() throws IOException {
        assertThat(run(spec("/bin/true")).exitCode()).isZero();
        RunResult r = run(spec("/bin/sh", "-c", "echo bye; exit 7"));
        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(r.outputTail()).containsExactly("bye");
        assertThat(run(spec("false")).exitCode()).as("argv[0] is looked up in the RUN's PATH").isEqualTo(1);
    }

    @Test
    void anOutputConsumerThatThrowsDoesNotHangTheRun() {
        RunSpec s = spec("/bin/sh", "-c", "seq 1 100000");
        RunSpec failing = new RunSpec(s.root(), s.argv(), s.env(), 0, 0, List.of(0L), "/", Network.DEFAULT, List.of(), "h",
                line -> {
                    throw new IllegalStateException("consumer broke");
                });
        assertThatThrownBy(() -> run(failing)).isInstanceOf(IllegalStateException.class).hasMessage("consumer broke");
    }

    @Test
    void environmentIsExactlyTheSpecs() throws IOException {
        TestRoots.Lines lines = new TestRoots.Lines();
        RunSpec s = spec("/bin/env");
        runCollecting(new RunSpec(s.root(), s.argv(), List.of("PATH=/bin", "A=x=y", "B=line1\nline2", "EMPTY="),
                0, 0, List.of(0L), "/", Network.DEFAULT, List.of(), "h", line -> { }), lines);
        List<String> env = lines.lines.stream().filter(l -> !(setsPwd() && l.equals("PWD=/")))
                .filter(l -> !(setsHome() && l.equals("HOME=/"))).toList();
        assertThat(env).containsExactlyInAnyOrder("PATH=/bin", "A=x=y", "B=line1", "line2", "EMPTY=");
    }

    @Test
    void argvPassesThroughUntouched() throws IOException {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "for a in \"$@\"; do echo \"[$a]\"; done", "sh"));
        List<String> odd = List.of("a b", "'single'", "\"double\"", "$HOME", "`id`", "*", "back\\slash", "two\nlines", "", "-x");
        argv.addAll(odd);
        TestRoots.Lines lines = new TestRoots.Lines();
        runCollecting(TestRoots.spec(new Sandbox.Root.Directory(root), argv), lines);
        assertThat(lines.lines).containsExactly("[a b]", "['single']", "[\"double\"]", "[$HOME]", "[`id`]", "[*]",
                "[back\\slash]", "[two", "lines]", "[]", "[-x]");
    }

    @Test
    void rootRunSeesRootIdsAndCanChown() throws IOException {
        assumeTrue(host.root(), "ids on disk are only checked when lading runs as root");
        TestRoots.Lines lines = new TestRoots.Lines();
        RunSpec s = spec("/bin/sh", "-c", "id; touch /a /b && chown 1000:1001 /a && echo ok");
        RunResult r = runCollecting(with(s, List.of("PATH=/bin"), 0, 0, List.of(0L, 10L), "/", Network.DEFAULT, List.of(), lines), lines);
        assertThat(r.exitCode()).as(String.join("\n", r.outputTail())).isZero();
        assertThat(lines.lines.get(0)).startsWith("uid=0 gid=0");
        if (setsGroups()) {
            assertThat(lines.lines.get(0)).isEqualTo("uid=0 gid=0 groups=0,10");
        }
        assertThat(owner(root.resolve("a"))).isEqualTo("1000:1001");
        assertThat(owner(root.resolve("b"))).isEqualTo("0:0");
    }

    @Test
    void rootRunHasDockersCapabilitiesWithoutMknod() throws IOException {
        assumeTrue(host.root(), "capabilities are only checked when lading runs as root");
        TestRoots.Lines lines = new TestRoots.Lines();
        runCollecting(spec("/bin/sh", "-c", "cat /proc/self/status; mknod /tmp/null c 1 3 || echo mknod-refused"), lines);
        // chown dac_override fowner fsetid kill setgid setuid setpcap net_bind_service net_raw sys_chroot audit_write setfcap
        // (bwrap leaves the bounding set full but sets no_new_privs, so exec cannot raise them again)
        assertThat(lines.lines).contains("CapEff:\t00000000a00425fb", "CapPrm:\t00000000a00425fb", "mknod-refused");
        assertThat(root.resolve("tmp/null")).doesNotExist();
    }

    @Test
    void otherUserRunsWithItsIdsAndItsFilesHaveThemOnDisk() throws IOException {
        assumeTrue(host.root(), "ids on disk are only checked when lading runs as root");
        TestRoots.Lines lines = new TestRoots.Lines();
        RunSpec s = with(spec("/bin/sh", "-c", "id; touch f; echo $PWD; chown 0 f"), List.of("PATH=/bin"), 1000, 1001,
                List.of(1001L, 50L), "/work dir", Network.DEFAULT, List.of(), lines);
        if (!runsOtherUidsAsRoot()) {
            assertThatThrownBy(() -> run(s)).isInstanceOf(IOException.class).hasMessageContaining("LADING_SANDBOX=unshare");
            return;
        }
        RunResult r = run(s);
        if (!keepsStdoutAndStderrInOrder()) {
            lines.lines.removeIf(l -> l.startsWith("chown:"));
        }
        // the kernel keeps supplementary groups sorted; bubblewrap maps only the gid, other groups show as 65534
        assertThat(lines.lines.get(0)).isEqualTo(setsGroups() ? "uid=1000 gid=1001 groups=50,1001"
                : "uid=1000 gid=1001 groups=65534,1001");
        assertThat(lines.lines.get(1)).isEqualTo("/work dir");
        assertThat(r.exitCode()).as("a non-root RUN has no CAP_CHOWN").isNotZero();
        assertThat(owner(root.resolve("work dir/f"))).isEqualTo("1000:1001");
    }

    @Test
    void otherUserWithMountsNoNetworkAndAnOverlayRoot() throws IOException {
        assumeTrue(host.root() && runsOtherUidsAsRoot() && overlaySupported(), "needs root and overlay support");
        Path upper = Files.createDirectories(tmp.resolve("upper"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        Files.writeString(ro.resolve("in"), "readable\n");
        Path rw = Files.createDirectories(tmp.resolve("rw"));
        Files.setPosixFilePermissions(rw, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> lowerBefore = listing(root);
        TestRoots.Lines lines = new TestRoots.Lines();
        RunSpec s = TestRoots.spec(new Sandbox.Root.Overlay(root, upper, work), List.of("/bin/sh", "-c",
                "id -u; cat /ro/in; touch /ro/x || echo ro-refused; echo hi > /rw/out; echo t > /scratch/t && cat /scratch/t; "
                        + "cat /proc/net/dev | tail -n +3 | cut -d: -f1; echo new > /work\\ dir/new; hostname"));
        RunResult r = run(new RunSpec(s.root(), s.argv(), List.of("PATH=/bin"), 1000, 1000, List.of(1000L), "/", Network.NONE,
                List.of(new Mount.Bind(ro, "/ro", true), new Mount.Bind(rw, "/rw", false), new Mount.Tmpfs("/scratch", 0)),
                "user-host", lines::accept));
        assertThat(r.exitCode()).as(String.join("\n", r.outputTail())).isZero();
        assertThat(lines.lines).containsSubsequence("1000", "readable", "ro-refused", "t", "user-host");
        assertThat(lines.lines).noneMatch(l -> l.contains("eth"));
        assertThat(rw.resolve("out")).hasContent("hi");
        assertThat(owner(rw.resolve("out"))).isEqualTo("1000:1000");
        assertThat(owner(upper.resolve("work dir/new"))).isEqualTo("1000:1000");
        assertThat(listing(root)).isEqualTo(lowerBefore);
        try (var entries = Files.list(upper)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("work dir");
        }
    }

    @Test
    void workdirAndHostname() throws IOException {
        TestRoots.Lines lines = new TestRoots.Lines();
        RunSpec s = spec("/bin/sh", "-c", "pwd; hostname");
        run(new RunSpec(s.root(), s.argv(), s.env(), 0, 0, List.of(0L), "/work dir", Network.DEFAULT, List.of(),
                "builder-1", lines::accept));
        assertThat(lines.lines).containsExactly("/work dir", "builder-1");
    }

    @Test
    void noNetworkHasOnlyLoopbackAndItIsUp() throws IOException {
        TestRoots.Lines lines = new TestRoots.Lines();
        RunSpec s = spec("/bin/sh", "-c", "cat /proc/net/dev; ip link show lo; test -e /etc/resolv.conf && echo resolv");
        RunResult r = runCollecting(with(s, s.env(), 0, 0, List.of(0L), "/", Network.NONE, List.of(), lines), lines);
        assertThat(r.exitCode()).as(String.join("\n", r.outputTail())).isNotNegative();
        List<String> interfaces = lines.lines.stream().filter(l -> l.matches("\\s*[\\w.-]+:.*\\d.*") && !l.contains("<"))
                .map(l -> l.trim().split(":")[0]).toList();
        assertThat(interfaces).containsExactly("lo");
        assertThat(lines.lines).anyMatch(l -> l.contains("lo:") && l.contains("UP"));
        assertThat(lines.lines).doesNotContain("resolv");
    }

    @Test
    void defaultNetworkSeesTheHostsResolvConfReadOnlyAndLeavesNoFileBehind() throws IOException {
        assumeTrue(Files.isRegularFile(Path.of("/etc/resolv.conf")), "the host has no /etc/resolv.conf");
        TestRoots.Lines lines = new TestRoots.Lines();
        // everything on stderr, where sh's own error goes: one pipe keeps the lines apart and in order (runc
        // copies stdout and stderr through separate pipes, so a stdout line can land inside a stderr one)
        RunSpec s = spec("/bin/sh", "-c", "exec 1>&2; cat /etc/resolv.conf; echo x >> /etc/resolv.conf || echo read-only");
        runCollecting(s, lines);
        assertThat(String.join("\n", lines.lines)).contains(Files.readString(Path.of("/etc/resolv.conf")).strip());
        assertThat(lines.lines).contains("read-only");
        assertThat(root.resolve("etc/resolv.conf")).doesNotExist();
        assertThat(root.resolve("etc/hosts")).doesNotExist();
    }

    @Test
    void theImagesResolvConfIsCoveredNotChanged() throws IOException {
        Files.writeString(root.resolve("etc/resolv.conf"), "nameserver 192.0.2.1\n");
        Map<String, String> before = listing(root);
        TestRoots.Lines lines = new TestRoots.Lines();
        runCollecting(spec("/bin/cat", "/etc/resolv.conf"), lines);
        assertThat(lines.lines).doesNotContain("nameserver 192.0.2.1");
        assertThat(listing(root)).isEqualTo(before);
        assertThat(Files.readString(root.resolve("etc/resolv.conf"))).isEqualTo("nameserver 192.0.2.1\n");
    }

    @Test
    void procDevAndTheImagesTmp() throws IOException {
        TestRoots.Lines lines = new TestRoots.Lines();
        RunSpec s = spec("/bin/sh", "-c", "ls /dev; echo pid=$$; cat /tmp/keep; echo x > /dev/null && echo null-ok");
        RunResult r = runCollecting(s, lines);
        assertThat(r.exitCode()).isZero();
        assertThat(lines.lines).contains("null", "zero", "full", "random", "urandom", "tty", "pts", "ptmx", "shm",
                "from the image", "null-ok");
        assertThat(lines.lines).anyMatch(l -> l.matches("pid=[12]"));
    }

    @Test
    void leavesNoTraceInTheRoot() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret"), "s3cret");
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Map<String, String> before = listing(root);
        RunSpec s = spec("/bin/true");
        RunResult r = run(new RunSpec(s.root(), s.argv(), s.env(), 0, 0, List.of(0L), "/", Network.DEFAULT,
                List.of(new Mount.Bind(secret, "/run/secrets/token", true), new Mount.Bind(cache, "/var/cache/x", false),
                        new Mount.Tmpfs("/scratch", 1 << 20)), "h", line -> { }));
        assertThat(r.exitCode()).isZero();
        assertThat(listing(root)).isEqualTo(before);
    }

    @Test
    void bindMountsAndTmpfs() throws IOException {
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        Files.writeString(ro.resolve("in"), "readable\n");
        Path rw = Files.createDirectories(tmp.resolve("rw"));
        TestRoots.Lines lines = new TestRoots.Lines();
        RunSpec s = spec("/bin/sh", "-c", "cat /ro/in; touch /ro/x || echo ro-refused; echo hi > /rw/out; "
                + "echo t > /scratch/t && cat /scratch/t; ls -ld /scratch");
        runCollecting(with(s, s.env(), 0, 0, List.of(0L), "/", Network.DEFAULT, List.of(new Mount.Bind(ro, "/ro", true),
                new Mount.Bind(rw, "/rw", false), new Mount.Tmpfs("/scratch", 0)), lines), lines);
        assertThat(lines.lines).contains("readable", "ro-refused", "t");
        assertThat(lines.lines).anyMatch(l -> l.startsWith("drwxrwxrwt"));
        assertThat(ro.resolve("x")).doesNotExist();
        assertThat(rw.resolve("out")).hasContent("hi");
        assertThat(root.resolve("scratch")).doesNotExist();
        assertThat(root.resolve("ro")).doesNotExist();
    }

    @Test
    void outputIsStreamedInOrderAndTheTailIsKept() throws IOException {
        TestRoots.Lines lines = new TestRoots.Lines();
        RunResult r = runCollecting(spec("/bin/sh", "-c", "echo first; echo err >&2; sleep 1; seq 2 100"), lines);
        if (keepsStdoutAndStderrInOrder()) {
            assertThat(lines.lines.subList(0, 3)).containsExactly("first", "err", "2");
        } else {
            assertThat(lines.lines.subList(0, 2)).containsExactlyInAnyOrder("first", "err");
            assertThat(lines.lines.get(2)).isEqualTo("2");
        }
        assertThat(lines.nanos.get(2) - lines.nanos.get(0)).as("the first line arrives before the command ends")
                .isGreaterThan(500_000_000L);
        assertThat(lines.lines).hasSize(101);
        assertThat(r.outputTail()).hasSize(SandboxProcess.TAIL_LINES)
                .endsWith("100").startsWith(String.valueOf(100 - SandboxProcess.TAIL_LINES + 1));
    }

    @Test
    void overlayRootChangesOnlyTheUpperDir() throws IOException {
        assumeTrue(overlaySupported(), "overlay roots are not supported by this sandbox on this host");
        Path upper = Files.createDirectories(tmp.resolve("upper"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Map<String, String> lowerBefore = listing(root);
        TestRoots.Lines lines = new TestRoots.Lines();
        RunSpec s = TestRoots.spec(new Sandbox.Root.Overlay(root, upper, work),
                List.of("/bin/sh", "-c", "echo new > /new; rm /tmp/keep; ls /proc/self >/dev/null && echo proc; cat /etc/resolv.conf >/dev/null; echo done"));
        RunResult r = runCollecting(s, lines);
        assertThat(r.exitCode()).as(String.join("\n", r.outputTail())).isZero();
        assertThat(lines.lines).contains("proc", "done");
        assertThat(listing(root)).isEqualTo(lowerBefore);
        assertThat(upper.resolve("new")).hasContent("new");
        assertThat(Files.exists(upper.resolve("tmp/keep"), LinkOption.NOFOLLOW_LINKS)).as("a whiteout").isTrue();
        try (var s2 = Files.list(upper)) {
            assertThat(s2.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("new", "tmp");
        }
    }

    abstract boolean overlaySupported();

    @Test
    void anOverlayRunThatChangesNothingLeavesTheUpperDirEmpty() throws IOException {
        assumeTrue(overlaySupported(), "overlay roots are not supported by this sandbox on this host");
        Path upper = Files.createDirectories(tmp.resolve("upper"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path secret = Files.writeString(tmp.resolve("secret"), "s3cret");
        RunSpec s = TestRoots.spec(new Sandbox.Root.Overlay(root, upper, work), List.of("/bin/cat", "/run/secrets/token"));
        TestRoots.Lines lines = new TestRoots.Lines();
        RunResult r = run(new RunSpec(s.root(), s.argv(), s.env(), 0, 0, List.of(0L), "/", Network.DEFAULT,
                List.of(new Mount.Bind(secret, "/run/secrets/token", true), new Mount.Tmpfs("/scratch", 0)), "h", lines::accept));
        assertThat(r.exitCode()).as(String.join("\n", r.outputTail())).isZero();
        assertThat(lines.lines).containsExactly("s3cret");
        try (var entries = Files.list(upper)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void aSymlinkOnTheWayToAMountTargetIsRefusedAndAnImageResolvConfLinkIsLeftAlone() throws IOException {
        Files.createSymbolicLink(root.resolve("etc/resolv.conf"), Path.of("/run/systemd/resolve/stub-resolv.conf"));
        Files.createSymbolicLink(root.resolve("var"), Path.of("/"));
        Map<String, String> before = listing(root);
        RunResult r = run(spec("/bin/sh", "-c", "test -L /etc/resolv.conf && echo still-a-link"));
        assertThat(r.outputTail()).containsExactly("still-a-link");
        RunSpec s = spec("/bin/true");
        RunSpec throughLink = new RunSpec(s.root(), s.argv(), s.env(), 0, 0, List.of(0L), "/", Network.DEFAULT,
                List.of(new Mount.Tmpfs("/var/cache", 0)), "h", line -> { });
        assertThatThrownBy(() -> run(throughLink)).isInstanceOf(IOException.class)
                .hasMessageContaining("/var is a symbolic link");
        assertThat(listing(root)).isEqualTo(before);
    }

    @Test
    void aSandboxThatCannotStartIsAnIOException() {
        RunSpec s = spec("/bin/true");
        RunSpec bad = new RunSpec(s.root(), s.argv(), s.env(), 0, 0, List.of(0L), "/", Network.DEFAULT,
                List.of(new Mount.Bind(tmp.resolve("does-not-exist"), "/x", true)), "h", line -> { });
        assertThatThrownBy(() -> run(bad)).isInstanceOf(IOException.class).hasMessageContaining("lading doctor");
        assertThat(root.resolve("x")).doesNotExist();
    }

    @Test
    void anInterruptKillsTheRunAndEverythingInIt() throws Exception {
        String marker = "31." + ProcessHandle.current().pid();
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                run(spec("/bin/sh", "-c", "/bin/sleep " + marker + " & /bin/sleep " + marker));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sleepers(marker) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sleepers(marker)).isEqualTo(2);
        t.interrupt();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(java.io.InterruptedIOException.class);
        while (sleepers(marker) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sleepers(marker)).as("processes left running").isZero();
    }

    private static long sleepers(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker))
                .orElse(false)).count();
    }

    /**
     * Rootless for real: a second JVM started as nobody (setpriv) runs the sandbox on a root nobody owns. Only
     * the container's 0 is mapped (nobody has no /etc/subuid range), to nobody on disk.
     */
    @Test
    @Tag("integration")
    void rootlessAsNobody() throws Exception {
        assumeTrue(host.root(), "starts the rootless JVM with setpriv, which needs root");
        assumeTrue(Layout.tool("setpriv").isPresent(), "needs setpriv: apt-get install util-linux");
        Path main = Path.of(RootlessMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path classes = Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeTrue(Files.isDirectory(main) && Files.isDirectory(classes), "needs the classes as directories");
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path sandboxTmp = Files.createDirectories(tmp.resolve("nobody-tmp"));
        for (Path p : List.of(root, sandboxTmp)) {
            assertThat(new ProcessBuilder("chown", "-R", "65534:65534", p.toString()).start().waitFor()).isZero();
        }
        Map<String, String> before = listing(root);
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String script = "id; touch \"/work dir/f\"$(id -u); cat /proc/net/dev | tail -n +3 | cut -d: -f1; hostname";
        Path upper = Files.createDirectories(tmp.resolve("upper"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        assertThat(new ProcessBuilder("chown", "65534:65534", upper.toString(), work.toString()).start().waitFor()).isZero();
        if (rootlessOverlay()) {
            Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", javaBin,
                    "-Djava.io.tmpdir=" + sandboxTmp, "-cp", main + ":" + classes, RootlessMain.class.getName(), name(),
                    "overlay=" + root + "," + upper + "," + work, "0", "0", "NONE", "/bin/sh", "-c",
                    "echo new > /new; rm /tmp/keep; ls /proc/self/fd > /dev/null && echo proc").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            assertThat(out).as(out).contains("proc").contains("exit=0");
            assertThat(upper.resolve("new")).hasContent("new");
            assertThat(Files.exists(upper.resolve("tmp/keep"), LinkOption.NOFOLLOW_LINKS)).as("a whiteout").isTrue();
            assertThat(listing(root)).isEqualTo(before);
        }
        for (String ids : List.of("0 0", "1000 1000")) {
            List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    javaBin, "-Djava.io.tmpdir=" + sandboxTmp, "-cp", main + ":" + classes, RootlessMain.class.getName(),
                    name(), root.toString()));
            cmd.addAll(List.of(ids.split(" ")));
            cmd.addAll(List.of("NONE", "/bin/sh", "-c", script));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            String uid = ids.split(" ")[0];
            if (!uid.equals("0") && !rootlessRunsOtherUidsWithOneId()) {
                assertThat(out).as(out).contains("error=").contains("subordinate id range");
                continue;
            }
            assertThat(out).as(out).contains("mapping=IdMapping[ranges=[Range[inside=0, outside=65534, count=1]]]")
                    .contains("uid=" + uid + " gid=" + uid).contains("rootless").contains("exit=0")
                    .doesNotContain("eth").doesNotContain("error=");
            assertThat(owner(root.resolve("work dir/f" + uid))).isEqualTo("65534:65534");
        }
        Map<String, String> after = listing(root);
        after.keySet().removeIf(k -> k.startsWith("/work dir"));
        before.keySet().removeIf(k -> k.startsWith("/work dir"));
        assertThat(after).isEqualTo(before);
        try (var left = Files.list(sandboxTmp)) {
            assertThat(left).as("temporary files of the sandbox and its probe").isEmpty();
        }
    }

    /** Whether the sandbox mounts an overlay root when lading is not root. */
    abstract boolean rootlessOverlay();

    /** Whether, rootless with only the own id mapped, a RUN as another uid runs (else it is a clear error). */
    boolean rootlessRunsOtherUidsWithOneId() {
        return true;
    }

    /** The sandbox's name for {@link Sandboxes#choose}. */
    abstract String name();

    static String owner(Path p) throws IOException {
        return Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":" + Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }
}
