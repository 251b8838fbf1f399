package dev.lading.build;

import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.DockerfileParser;
import dev.lading.dockerfile.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunCommandsTest {

    @TempDir
    Path rootfs;

    private static Run run(String text) throws Exception {
        Dockerfile df = DockerfileParser.parse("Dockerfile", "FROM scratch\n" + text + "\n");
        return (Run) df.stages().get(0).instructions().get(0);
    }

    @Test
    void shellFormIsWrappedInTheShellAndExecFormIsNot() throws Exception {
        assertThat(RunCommands.command(run("RUN echo \"a b\" && true"), List.of("/bin/sh", "-c")).argv())
                .containsExactly("/bin/sh", "-c", "echo \"a b\" && true");
        assertThat(RunCommands.command(run("RUN [\"/bin/echo\", \"a b\"]"), List.of("/bin/sh", "-c")).argv())
                .containsExactly("/bin/echo", "a b");
        assertThat(RunCommands.command(run("RUN make"), List.of("/bin/bash", "-eo", "pipefail", "-c")).argv())
                .containsExactly("/bin/bash", "-eo", "pipefail", "-c", "make");
    }

    @Test
    void aLoneHeredocRunsItsBodyAndAShebangBodyRunsAsAFile() throws Exception {
        RunCommands.Command plain = RunCommands.command(run("RUN <<EOF\necho one\necho two\nEOF"), List.of("/bin/sh", "-c"));
        assertThat(plain.argv()).containsExactly("/bin/sh", "-c", "echo one\necho two\n");
        assertThat(plain.script()).isEmpty();

        RunCommands.Command script = RunCommands.command(run("RUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF"), List.of("/bin/sh", "-c"));
        assertThat(script.argv()).containsExactly("/bin/sh", "-c", "/dev/pipes/EOF");
        assertThat(new String(script.script().orElseThrow().content())).isEqualTo("#!/usr/bin/env python3\nprint(1)\n");
    }

    @Test
    void otherHeredocUsesGoToTheShellWhole() throws Exception {
        RunCommands.Command c = RunCommands.command(run("RUN cat <<A > /a && cat <<-B > /b\nalpha\nA\n\tbeta\n\tB"), List.of("/bin/sh", "-c"));
        assertThat(c.argv()).containsExactly("/bin/sh", "-c", "cat <<A > /a && cat <<-B > /b\nalpha\nA\n\tbeta\nB");
    }

    @Test
    void argsReachTheEnvironmentButEnvWins() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("VERSION", "1.2");
        args.put("PATH", "/nope");
        List<String> env = RunCommands.environment(List.of("PATH=/usr/bin", "LANG=C.UTF-8"), args);
        assertThat(env).containsExactly("PATH=/usr/bin", "LANG=C.UTF-8", "VERSION=1.2");
    }

    @Test
    void historyListsTheArgsAsBuildKitDoes() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("A", "1");
        args.put("B", "from-arg");
        List<String> env = List.of("B=from-env");
        assertThat(RunCommands.createdBy(List.of("/bin/sh", "-c", "make all"), args, env))
                .isEqualTo("RUN |2 A=1 B=from-env /bin/sh -c make all");
        assertThat(RunCommands.createdBy(List.of("/bin/sh", "-c", "make"), Map.of(), List.of()))
                .isEqualTo("RUN /bin/sh -c make");
    }

    @Test
    void usersResolveThroughPasswdAndGroup() throws Exception {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1001:1002::/home/app:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nwheel:x:10:app,other\napp:x:1002:\naudio:x:29:app\n");

        assertThat(RunCommands.user("", rootfs)).isEqualTo(new RunCommands.ExecUser(0, 0, List.of(), "/root"));
        assertThat(RunCommands.user("app", rootfs)).isEqualTo(new RunCommands.ExecUser(1001, 1002, List.of(10L, 29L), "/home/app"));
        assertThat(RunCommands.user("1001", rootfs)).isEqualTo(new RunCommands.ExecUser(1001, 1002, List.of(10L, 29L), "/home/app"));
        assertThat(RunCommands.user("app:wheel", rootfs)).isEqualTo(new RunCommands.ExecUser(1001, 10, List.of(), "/home/app"));
        // A number the passwd file does not know runs with group 0, as runc does.
        assertThat(RunCommands.user("4242", rootfs)).isEqualTo(new RunCommands.ExecUser(4242, 0, List.of(), "/"));
        assertThat(RunCommands.user("4242:77", rootfs)).isEqualTo(new RunCommands.ExecUser(4242, 77, List.of(), "/"));
        assertThatThrownBy(() -> RunCommands.user("ghost", rootfs)).hasMessageContaining("unable to find user ghost");
        assertThatThrownBy(() -> RunCommands.user("app:ghosts", rootfs)).hasMessageContaining("unable to find group ghosts");
    }

    @Test
    void aRootfsWithoutPasswdStillRunsNumericUsers() throws Exception {
        assertThat(RunCommands.user("", rootfs).uid()).isZero();
        assertThat(RunCommands.user("1000:1000", rootfs)).isEqualTo(new RunCommands.ExecUser(1000, 1000, List.of(), "/"));
    }

    @Test
    void sizesUseBinaryMultiples() {
        assertThat(RunSteps.bytes("64m")).isEqualTo(64L << 20);
        assertThat(RunSteps.bytes("1g")).isEqualTo(1L << 30);
        assertThat(RunSteps.bytes("512")).isEqualTo(512);
        assertThatThrownBy(() -> RunSteps.bytes("lots")).isInstanceOf(BuildException.class);
    }
}
