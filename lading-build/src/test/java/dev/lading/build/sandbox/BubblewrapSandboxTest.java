package dev.lading.build.sandbox;

import dev.lading.build.Sandbox;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BubblewrapSandboxTest extends SandboxContract {

    @BeforeEach
    void requireBwrap() {
        assumeTrue(Layout.tool("bwrap").isPresent(), "needs bwrap: apt-get install bubblewrap");
    }

    @Override
    Sandbox sandbox(Path tempDir) {
        return new BubblewrapSandbox(host, tempDir);
    }

    @Override
    boolean setsGroups() {
        return false;
    }

    @Override
    boolean setsPwd() {
        return true;
    }

    @Override
    boolean runsOtherUidsAsRoot() {
        return true;
    }

    @Override
    boolean overlaySupported() {
        return host.root();
    }

    @Override
    boolean rootlessOverlay() {
        return false;
    }

    @Override
    String name() {
        return "bubblewrap";
    }
}
