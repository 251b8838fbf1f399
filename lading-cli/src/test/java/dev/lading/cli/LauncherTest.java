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

    /** The class cache (AOT cache or CDS archive) the launcher would start {@code args} from. */
    private static String cacheOf(String... args) throws Exception {
        return javaCommand(null, args).stream()
                .filter(o -> o.startsWith("-XX:AOTCache=") || o.startsWith("-XX:SharedArchiveFile="))
                .map(o -> Path.of(o.substring(o.indexOf('=') + 1)).getFileName().toString().replaceFirst("\\.(aot|jsa)$", ""))
                .findFirst().orElseThrow(() -> new AssertionError("no class cache for " + List.of(args)));
    }

    @Test
    void aPlainLintStartsFromTheSlimLintCacheAndTheReportFormatsFromTheFullOne() throws Exception {
        assertThat(cacheOf("lint", ".")).isEqualTo("lading-lint");
        assertThat(cacheOf("lint", "--format", "json", "--no-shellcheck", ".")).isEqualTo("lading-lint");
        assertThat(cacheOf("lint", "--config", ".lading.yaml", "Dockerfile")).isEqualTo("lading-lint");
        assertThat(cacheOf("lint", "--format", "sarif", ".")).isEqualTo("lading-lint-full");
        assertThat(cacheOf("lint", "--no-shellcheck", "--format=gitlab", ".")).isEqualTo("lading-lint-full");
        assertThat(cacheOf("lint", "--baseline", "b.json", ".")).isEqualTo("lading-lint-full");
        assertThat(cacheOf("lint", ".", "--write-baseline=b.json")).isEqualTo("lading-lint-full");
        assertThat(cacheOf("dockerfile", "parse", "Dockerfile")).isEqualTo("lading-lint-full");
        assertThat(cacheOf("build", ".")).isEqualTo("lading-build");
    }

    /** The java command line the launcher would run for {@code args} (LADING_PRINT_JAVA: it builds and runs nothing). */
    private static List<String> javaCommand(String javaOpts, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LADING_PRINT_JAVA", "1");
        pb.environment().remove("LADING_JAVA_OPTS");
        if (javaOpts != null) {
            pb.environment().put("LADING_JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return List.of(out.trim().split("\\s+"));
    }

    @Test
    void aCollectorNamedInLadingJavaOptsReplacesTheLaunchersOwn() throws Exception {
        assertThat(javaCommand(null, "build", ".")).contains("-XX:+UseSerialGC").doesNotContain("-XX:+UseG1GC");
        assertThat(javaCommand(null, "lint", ".")).contains("-XX:+UseSerialGC");
        // the JVM refuses two collectors: the user's choice must be the only one
        assertThat(javaCommand("-XX:+UseG1GC", "build", ".")).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC");
        assertThat(javaCommand("-XX:+UseParallelGC -Xmx1g", "lint", ".")).contains("-XX:+UseParallelGC", "-Xmx1g")
                .doesNotContain("-XX:+UseSerialGC");
    }

    @Test
    void hugePagesAreAskedForOnlyWhereTheKernelGrantsThemOnRequest() throws Exception {
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean madvise = Files.isReadable(thp) && Files.readString(thp).contains("[madvise]");
        for (String command : List.of("build", "lint", "copy", "scan", "--version")) {
            List<String> java = javaCommand(null, command);
            if (madvise) {
                assertThat(java).as(command).contains("-XX:+UseTransparentHugePages");
            } else {
                assertThat(java).as(command).doesNotContain("-XX:+UseTransparentHugePages");
            }
        }
    }

    @Test
    void buildsAndCopiesRunOnC1AloneExactlyWhereOpenSslsSha256CanBeHad() throws Exception {
        // the launcher looks for libcrypto by its usual paths; lading itself asks the dynamic loader (this test JVM
        // has native access enabled, as the distribution's jar manifest enables it): the two must agree here
        boolean nativeSha = dev.lading.oci.Digest.sha256Implementation().startsWith("OpenSSL");
        for (List<String> java : List.of(javaCommand(null, "build", "."), javaCommand(null, "copy", "a", "b"))) {
            if (nativeSha) {
                assertThat(java).contains("-XX:TieredStopAtLevel=1").noneMatch(o -> o.startsWith("-XX:CompilerDirectivesFile="));
            } else {
                assertThat(java).doesNotContain("-XX:TieredStopAtLevel=1").anyMatch(o -> o.startsWith("-XX:CompilerDirectivesFile="));
            }
        }
        // turned off: C2 for the JDK's SHA-256 again
        assertThat(javaCommand("-Dlading.native.sha256=false", "build", ".")).doesNotContain("-XX:TieredStopAtLevel=1")
                .anyMatch(o -> o.startsWith("-XX:CompilerDirectivesFile="));
        // unpack and import keep C2 for their tar and gzip loops either way
        assertThat(javaCommand(null, "unpack", "a", "b")).anyMatch(o -> o.startsWith("-XX:CompilerDirectivesFile="));
    }

    @Test
    void theJvmAcceptsEveryGroupsOptionsWithoutAComplaint() throws Exception {
        for (String command : List.of("build", "lint", "copy", "scan", "doctor")) {
            List<String> java = javaCommand(null, command);
            // the options alone, without the class cache (it may not exist yet) and without the jar
            List<String> opts = new java.util.ArrayList<>(java.subList(1, java.indexOf("-jar")));
            opts.removeIf(o -> o.startsWith("-XX:AOTCache=") || o.startsWith("-XX:SharedArchiveFile=") || o.startsWith("-Xlog:")
                    || o.equals("-XX:-DisplayVMOutput"));
            List<String> cmd = new java.util.ArrayList<>();
            cmd.add(java.get(0));
            cmd.addAll(opts);
            cmd.add("-version");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(command + ": " + cmd + "\n" + out).isZero();
            assertThat(out).as(command + ": " + cmd).doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("error");
        }
    }
}
