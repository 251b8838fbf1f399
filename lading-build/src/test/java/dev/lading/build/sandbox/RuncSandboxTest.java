package dev.lading.build.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every test of {@link OciRuntimeSandboxTest}, with runc; runc needs no hybrid cgroup workaround. */
class RuncSandboxTest extends OciRuntimeSandboxTest {

    @Override
    String runtime() {
        return "runc";
    }

    @Override
    boolean rootlessRunsOtherUidsWithOneId() {
        return false;
    }

    @Test
    void runcNeverGetsTheCrunWorkaround() {
        assertThat(((OciRuntimeSandbox) sandbox(tmp)).masksUnifiedCgroup()).isFalse();
    }

    /** As root runc makes a cgroup per container (it cannot be told not to); none may be left, even when interrupted. */
    @Test
    void noCgroupIsLeftBehind() throws Exception {
        assumeTrue(host.root(), "runc makes no cgroups rootless");
        Path pids = Path.of("/sys/fs/cgroup/pids");
        assumeTrue(Files.isDirectory(pids), "no cgroup v1 pids hierarchy here");
        assertThat(run(spec("/bin/true")).exitCode()).isZero();
        Thread t = new Thread(() -> {
            try {
                run(spec("/bin/sleep", "30"));
            } catch (Exception e) {
                // interrupted, as intended
            }
        });
        t.start();
        Thread.sleep(1500);
        t.interrupt();
        t.join(15_000);
        try (var s = Files.walk(pids, 3)) {
            List<Path> left = s.filter(p -> p.getFileName().toString().startsWith("lading-")).toList();
            assertThat(left).isEmpty();
        }
    }
}
