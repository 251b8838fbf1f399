package dev.lading.build.sandbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every test of {@link OciRuntimeSandboxTest}, with runc; runc needs no hybrid cgroup workaround. */
class RuncSandboxTest extends OciRuntimeSandboxTest {

    @Override
    String runtime() {
        return "runc";
    }

    @Override
    boolean keepsStdoutAndStderrInOrder() {
        return false;
    }

    @Override
    boolean rootlessRunsOtherUidsWithOneId() {
        return false;
    }

    @Test
    void runcNeverGetsTheCrunWorkaround() {
        assertThat(((OciRuntimeSandbox) sandbox(tmp)).masksUnifiedCgroup()).isFalse();
    }
}
