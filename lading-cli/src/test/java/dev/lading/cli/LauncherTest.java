package dev.lading.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What the ./lading launcher hands the JVM must be something the JVM accepts: it runs with its output hidden. */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "lading");

    @Test
    void theC2DirectivesForImageAndBuildCommandsAreAcceptedByThisJvm(@TempDir Path dir) throws Exception {
        String launcher = Files.readString(LAUNCHER);
        int start = launcher.indexOf("<<JSON\n");
        int end = launcher.indexOf("\nJSON\n", start);
        assertThat(start).as("the launcher's directives here-doc").isPositive();
        String template = launcher.substring(start + "<<JSON\n".length(), end);
        // the here-doc takes each group's own list of packages from $hot_code
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("hot_code='([^']*)'").matcher(launcher);
        List<String> lists = new java.util.ArrayList<>();
        while (m.find()) {
            lists.add(m.group(1));
        }
        assertThat(lists).as("the groups' package lists").hasSize(2);
        for (String list : lists) {
            Path json = Files.writeString(dir.resolve("d.json"), template.replace("$hot_code", list));
            String java = ProcessHandle.current().info().command().orElse("java");
            // the launcher hides the JVM's own output (-XX:-DisplayVMOutput), so a directives file the JVM rejected
            // would only show as commands failing silently: check it here, where the output can be read
            Process p = new ProcessBuilder(List.of(java, "-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + json, "-version"))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("2 compiler directives added");
            // a pattern the JVM cannot parse is reported and dropped, and the rest of the file still counts as added
            assertThat(out).as("the JVM's complaints about the directives").doesNotContainIgnoringCase("error");
        }
    }

    @Test
    void everyCommandBelongsToAGroupWhoseCacheTheWarmupCanTrain() throws IOException {
        String launcher = Files.readString(LAUNCHER);
        for (String command : Main.COMMANDS.keySet()) {
            if (command.startsWith("__") || command.equals("help")) {
                continue;
            }
            // a command missing from the launcher's case falls into "other", whose cache holds only help and usage
            assertThat(launcher).as("./lading names '" + command + "' in its command groups").containsPattern("[ |(]" + command + "[|)]");
        }
    }
}
