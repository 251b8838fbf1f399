package dev.lading.scan.version;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a real tool once over a whole batch: the batch goes in as a JSON file, the answers come back as JSON on
 * standard output. One process per batch keeps thousands of comparisons to a second or two.
 */
final class Oracle {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Oracle() {
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "oracle", ".out");
        Path err = Files.createTempFile(dir, "oracle", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Whether a command can be started at all and exits 0. */
    static boolean works(Path dir, String... command) {
        try {
            return run(dir, List.of(command)).exitCode() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Path writeJson(Path dir, Object value) throws IOException {
        Path file = Files.createTempFile(dir, "oracle", ".json");
        JSON.writeValue(file.toFile(), value);
        return file;
    }

    static JsonNode readJson(Result result, List<String> command) throws IOException {
        assertThat(result.exitCode()).as("%s failed:%n%s", command, result.stderr()).isZero();
        return JSON.readTree(result.stdout());
    }

    static List<List<String>> asLists(List<String[]> pairs) {
        List<List<String>> out = new ArrayList<>();
        for (String[] p : pairs) {
            out.add(List.of(p[0], p[1]));
        }
        return out;
    }

    /** Pairs whose sign differs, each as "a ? b: ours x, oracle y", for one readable failure message. */
    static List<String> disagreements(VersionScheme scheme, List<String[]> pairs, JsonNode oracleSigns) {
        assertThat(oracleSigns.size()).isEqualTo(pairs.size());
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            String a = pairs.get(i)[0];
            String b = pairs.get(i)[1];
            int ours = scheme.compare(a, b);
            int theirs = Integer.signum(oracleSigns.get(i).asInt());
            if (ours != theirs) {
                wrong.add("[" + a + "] vs [" + b + "]: lading " + ours + ", oracle " + theirs);
            }
        }
        return wrong;
    }

    static void skipUnless(boolean condition, String reason) {
        Assumptions.assumeTrue(condition, reason);
    }
}
