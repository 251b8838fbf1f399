package dev.lading.lint.shellcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellCheckProcessTest {

    @Test
    void json1OutputIsReadPerScript() throws Exception {
        String json = """
                {"comments":[{"file":"run1.sh","line":3,"endLine":3,"column":6,"endColumn":10,"level":"info",
                "code":2086,"message":"Double quote to prevent globbing and word splitting.","fix":null}]}
                """;
        assertThat(ShellCheckProcess.parse(json.getBytes(StandardCharsets.UTF_8), Map.of("run0.sh", 0, "run1.sh", 1)))
                .containsExactly(new ShellChecker.Comment(1, 3, 6, 3, 10, "info", 2086,
                        "Double quote to prevent globbing and word splitting."));
        assertThatThrownBy(() -> ShellCheckProcess.parse("[]".getBytes(StandardCharsets.UTF_8), Map.of()))
                .isInstanceOf(ShellCheckException.class);
    }

    @Test
    void foundOnPathOnlyWhenThereAndExecutable(@TempDir Path dir) throws Exception {
        assertThat(ShellCheckProcess.onPath(dir.toString())).isEmpty();
        Path exe = Files.writeString(dir.resolve("shellcheck"), "#!/bin/sh\n");
        assertThat(ShellCheckProcess.onPath(dir.toString())).isEmpty();
        assertThat(exe.toFile().setExecutable(true)).isTrue();
        assertThat(ShellCheckProcess.onPath("/nonexistent:" + dir)).map(ShellCheckProcess::executable).contains(exe);
        assertThat(ShellCheckProcess.onPath(null)).isEmpty();
    }

    @Test
    void aFailingShellcheckIsAnException(@TempDir Path dir) throws Exception {
        Path exe = Files.writeString(dir.resolve("shellcheck"), "#!/bin/sh\necho broken >&2\nexit 3\n");
        assertThat(exe.toFile().setExecutable(true)).isTrue();
        assertThatThrownBy(() -> new ShellCheckProcess(exe).check(List.of("#!/bin/sh\necho\n")))
                .isInstanceOf(ShellCheckException.class).hasMessageContaining("exited with 3").hasMessageContaining("broken");
    }

    @Test
    void theRealShellcheckChecksSeveralScriptsInOneRun() throws Exception {
        var sc = ShellCheckProcess.onPath();
        assumeTrue(sc.isPresent(), "shellcheck is not installed");
        List<ShellChecker.Comment> found = sc.get().check(List.of("#!/bin/sh\necho ok\n", "#!/bin/sh\necho $foo\n",
                "#!/bin/bash\nexport x=1\n[[ -n $x ]] && echo \"$x\"\n"));
        assertThat(found).extracting(ShellChecker.Comment::script).containsOnly(1);
        assertThat(found).extracting(ShellChecker.Comment::code).contains(2154, 2086);
    }
}
