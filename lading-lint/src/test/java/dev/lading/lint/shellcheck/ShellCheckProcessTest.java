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
        assertThatThrownBy(() -> ShellCheckProcess.parse("{\"other\":[]}".getBytes(StandardCharsets.UTF_8), Map.of()))
                .isInstanceOf(ShellCheckException.class).hasMessageContaining("no 'comments' list");
        assertThatThrownBy(() -> ShellCheckProcess.parse("{\"comments\":[{\"file\":".getBytes(StandardCharsets.UTF_8), Map.of()))
                .isInstanceOf(ShellCheckException.class).hasMessageContaining("not JSON");
    }

    @Test
    void json1AsShellcheckWritesItWithFixesOtherFilesAndMissingPositions() throws Exception {
        // the shape shellcheck 0.9 writes: nested "fix" objects are skipped, comments on files that are not ours
        // dropped, a missing end falls back to the start and a missing start to 1
        String json = """
                {"comments":[
                 {"file":"/tmp/x/run0.sh","line":2,"endLine":2,"column":6,"endColumn":8,"level":"info","code":2086,
                  "message":"Double quote to prevent globbing and word splitting.","fix":{"replacements":[
                  {"column":6,"endColumn":6,"endLine":2,"insertionPoint":"afterEnd","line":2,"precedence":7,"replacement":"\\""}]}},
                 {"file":"elsewhere.sh","line":1,"endLine":1,"column":1,"endColumn":2,"level":"error","code":1000,"message":"x","fix":null},
                 {"file":"run1.sh","line":4,"column":3,"level":"style","code":2006,"message":"Use $(...) notation instead of legacy backticks `...`.","fix":null},
                 {"file":"run1.sh","level":"warning","code":2034,"message":"y appears unused."}
                ],"version":"0.9.0"}
                """;
        assertThat(ShellCheckProcess.parse(json.getBytes(StandardCharsets.UTF_8), Map.of("run0.sh", 0, "run1.sh", 1)))
                .containsExactly(
                        new ShellChecker.Comment(0, 2, 6, 2, 8, "info", 2086, "Double quote to prevent globbing and word splitting."),
                        new ShellChecker.Comment(1, 4, 3, 4, 3, "style", 2006, "Use $(...) notation instead of legacy backticks `...`."),
                        new ShellChecker.Comment(1, 1, 1, 1, 1, "warning", 2034, "y appears unused."));
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

    @Test
    void aRepeatedScriptGoesToShellcheckOnce(@TempDir Path dir) throws Exception {
        // a stand-in that logs how many files each run got and finds nothing
        Path log = dir.resolve("runs.log");
        Path exe = Files.writeString(dir.resolve("shellcheck"), "#!/bin/sh\nn=0\nfor a; do case \"$a\" in *.sh) n=$((n+1));; esac; done\n"
                + "echo $n >> '" + log + "'\necho '{\"comments\":[]}'\n");
        assertThat(exe.toFile().setExecutable(true)).isTrue();
        List<String> scripts = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            scripts.add("#!/bin/sh\napt-get update\n");
        }
        scripts.add("#!/bin/sh\necho other\n");
        assertThat(new ShellCheckProcess(exe).check(scripts)).isEmpty();
        assertThat(Files.readAllLines(log)).containsExactly("2");
    }

    @Test
    void theRealShellcheckGivesEveryCopyOfAScriptItsCommentsAcrossParallelRuns() throws Exception {
        var sc = ShellCheckProcess.onPath();
        assumeTrue(sc.isPresent(), "shellcheck is not installed");
        // more distinct scripts than one run takes on a machine with several processors, each repeated
        List<String> scripts = new java.util.ArrayList<>();
        for (int i = 0; i < 3 * ShellCheckProcess.MIN_CHUNK; i++) {
            scripts.add(i % 2 == 0 ? "#!/bin/sh\necho ok" + i + "\n" : "#!/bin/sh\necho $v" + i + "\n");
        }
        scripts.addAll(List.copyOf(scripts));
        List<ShellChecker.Comment> found = sc.get().check(scripts);
        java.util.Set<Integer> flagged = new java.util.TreeSet<>();
        for (ShellChecker.Comment c : found) {
            flagged.add(c.script());
            assertThat(c.message()).as("script " + c.script()).containsAnyOf("v" + (c.script() % (3 * ShellCheckProcess.MIN_CHUNK)), "quot");
        }
        java.util.Set<Integer> odd = new java.util.TreeSet<>();
        for (int i = 0; i < scripts.size(); i++) {
            if (i % 2 == 1) {
                odd.add(i);
            }
        }
        assertThat(flagged).isEqualTo(odd);
        // a copy gets exactly the comments of its original
        int half = scripts.size() / 2;
        assertThat(found.stream().filter(c -> c.script() >= half).map(c -> List.of(c.script() - half, c.line(), c.column(), c.code())).toList())
                .isEqualTo(found.stream().filter(c -> c.script() < half).map(c -> List.of(c.script(), c.line(), c.column(), c.code())).toList());
    }
}
