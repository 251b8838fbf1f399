package dev.lading.build.sandbox;

import dev.lading.build.Sandbox;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Path;

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
    String name() {
        return "unshare";
    }
}
