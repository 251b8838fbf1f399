package dev.lading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lading.oci.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** lading doctor through the real command line, on this host (CI runs as root with bubblewrap and util-linux). */
class DoctorCommandTest {

    @Test
    void textNamesEachSandboxAndWhatBuildWillUse() {
        Cli.Result r = Cli.run("doctor");
        assertThat(r.exitCode()).as(r.all()).isIn(0, 3);
        assertThat(r.out()).contains("Sandboxes for RUN:").contains("bubblewrap").contains("unshare").contains("crun").contains("runc")
                .contains("User namespaces: max_user_namespaces=").contains("JDK: ").contains("LADING_HOME: ")
                .containsPattern("SHA-256 for layers: (OpenSSL \\(libcrypto\\)|the JDK's)");
        if (r.exitCode() == 0) {
            assertThat(r.out()).containsPattern("lading build will use: sandbox (bubblewrap|unshare|crun|runc), snapshotter (overlay|copy-diff)");
        } else {
            assertThat(r.out()).contains("lading build cannot run RUN");
        }
    }

    @Test
    void jsonHasTheSameFacts() throws Exception {
        Cli.Result r = Cli.run("doctor", "--format", "json");
        JsonNode n = Json.mapper().readTree(r.out());
        assertThat(n.get("sandboxes")).hasSize(4);
        assertThat(n.get("sandboxes").get(0).get("name").asText()).isEqualTo("bubblewrap");
        assertThat(n.get("sandboxes").get(1).has("idMapping")).isTrue();
        assertThat(n.get("userNamespaces").has("maxUserNamespaces")).isTrue();
        assertThat(n.get("jdk").get("version").asText()).isEqualTo(Runtime.version().toString());
        assertThat(n.get("jdk").get("sha256").asText()).isEqualTo(dev.lading.oci.Digest.sha256Implementation());
        assertThat(n.get("build").get("runWorks").asBoolean()).isEqualTo(r.exitCode() == 0);
        if (r.exitCode() == 0) {
            assertThat(n.get("build").get("sandbox").asText()).isIn("bubblewrap", "unshare", "crun", "runc");
        }
    }

    @Test
    void asRootWithBothToolsBubblewrapAndOverlayAreChosen() throws Exception {
        Cli.Result r = Cli.run("doctor", "--format", "json");
        JsonNode n = Json.mapper().readTree(r.out());
        org.junit.jupiter.api.Assumptions.assumeTrue(n.get("user").get("uid").asLong() == 0
                && n.get("sandboxes").get(0).get("available").asBoolean(), "needs root and a working bubblewrap");
        assertThat(r.exitCode()).isZero();
        assertThat(n.get("build").get("sandbox").asText()).isEqualTo("bubblewrap");
        assertThat(n.get("build").get("snapshotter").asText()).isEqualTo("overlay");
        assertThat(n.get("sandboxes").get(0).get("idMapping").asText()).isEqualTo("identity");
    }

    @Test
    void aPreferredSandboxIsCheckedAndABadNameIsAUsageError() {
        Cli.Result bad = Cli.run("doctor", "--sandbox", "docker");
        assertThat(bad.exitCode()).isEqualTo(CliException.USAGE);
        assertThat(bad.err()).contains("bubblewrap, unshare, crun, runc");
        Cli.Result bwrap = Cli.run("doctor", "--sandbox", "bubblewrap");
        assertThat(bwrap.exitCode()).isIn(0, 3);
        if (bwrap.exitCode() == 0) {
            assertThat(bwrap.out()).contains("lading build will use: sandbox bubblewrap");
        }
        assertThat(Cli.run("doctor", "--format", "yaml").exitCode()).isEqualTo(CliException.USAGE);
    }

    @Test
    void theOciRuntimeIsListedUsableOrUnusableWithWhy() throws Exception {
        Cli.Result r = Cli.run("doctor", "--format", "json");
        JsonNode crun = r.out().isEmpty() ? null : Json.mapper().readTree(r.out()).get("sandboxes").get(2);
        assertThat(crun.get("name").asText()).isEqualTo("crun");
        if (!crun.get("available").asBoolean()) {
            assertThat(crun.get("problem").asText()).isNotEmpty();
        }
        Cli.Result text = Cli.run("doctor", "--sandbox", "crun");
        assertThat(text.out()).containsPattern("crun +(usable \\(crun version|unusable: .+)");
        if (crun.get("available").asBoolean()) {
            assertThat(text.exitCode()).isZero();
            assertThat(text.out()).contains("lading build will use: sandbox crun");
        } else {
            assertThat(text.exitCode()).isEqualTo(CliException.RUNTIME);
            assertThat(text.out()).contains("the crun sandbox (LADING_SANDBOX) does not work here");
        }
    }
}
