package dev.lading.build.sandbox;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class UnshareSandboxTest extends SandboxContract {

    @BeforeEach
    void requireUnshare() {
        assumeTrue(Layout.tool("unshare").isPresent() && Layout.tool("setpriv").isPresent(),
                "needs util-linux unshare and setpriv: apt-get install util-linux");
    }

    @Override
    Sandbox sandbox(Path tempDir) {
        return new UnshareSandbox(host, IdMode.forHost(host, Layout.tool("newuidmap").isPresent()), tempDir);
    }

    @Override
    boolean setsGroups() {
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
        return "unshare";
    }

    /**
     * Rootless with a subordinate range, without touching the host's /etc/subuid: in a private mount namespace
     * a file granting nobody 200000+65536 is bind-mounted over /etc/subuid and /etc/subgid, where the setuid
     * newuidmap and lading both read it.
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
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                "mount --bind \"$0\" /etc/subuid && mount --bind \"$0\" /etc/subgid && exec \"$@\"", ranges.toString(),
                "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", javaBin, "-Djava.io.tmpdir=" + sandboxTmp,
                "-cp", main + ":" + classes, RootlessMain.class.getName(), "unshare", root.toString(), "1000", "1000",
                "DEFAULT", "/bin/sh", "-c", "id; touch '/work dir/f' && chown 1234:1235 '/work dir/f'; echo $?"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out).as(out).contains("mapping=IdMapping[ranges=[Range[inside=0, outside=65534, count=1], "
                + "Range[inside=1, outside=200000, count=65536]]]").contains("uid=1000 gid=1000").contains("exit=0");
        // a non-root RUN cannot chown to another id, so the file keeps its creator's: 1000 -> 200000 + 999
        assertThat(owner(root.resolve("work dir/f"))).isEqualTo("200999:200999");
        assertThat(out).contains("\n1\n");
    }
}
