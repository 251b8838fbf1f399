package dev.lading.scan.version;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NpmVersion (loose) and SemverVersion (strict) against node-semver, the library npm itself orders versions
 * with: one node process compares every pair. The semver package is installed from the npm registry into
 * target/ once; without the registry the copy bundled inside npm serves.
 */
@Tag("integration")
class NpmVersionOracleTest {
    private static final String SEMVER_VERSION = "7.8.6";
    private static final String SCRIPT = """
            const semver = require(process.argv[1]);
            const data = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
            const out = {
              loose: data.loose.map(([a, b]) => semver.compare(a, b, true)),
              strict: data.strict.map(([a, b]) => semver.compare(a, b, false)),
              valid: data.candidates.map(v => semver.valid(v, true) !== null),
              version: require(process.argv[1] + '/package.json').version,
            };
            process.stdout.write(JSON.stringify(out));
            """;

    private final NpmVersion npm = new NpmVersion();
    private final SemverVersion semver = new SemverVersion();

    @TempDir
    Path tmp;

    @Test
    void generatedPairsOrderAsNodeSemver() throws Exception {
        Oracle.skipUnless(Oracle.works(tmp, "node", "--version"), "node is needed for the node-semver oracle");
        Path module = semverModule();
        Oracle.skipUnless(module != null, "the semver package could not be installed from the npm registry, and npm bundles none");

        List<String> loose = VersionSamples.generate(20261205, 1000, VersionSamples::npm);
        assertThat(loose).allMatch(npm::isValid);
        List<String> sortedLoose = new ArrayList<>(loose);
        sortedLoose.sort(npm::compare);
        List<String[]> loosePairs = VersionSamples.pairs(7, sortedLoose, 1000);

        List<String> strict = VersionSamples.generate(31, 1000, r -> VersionSamples.semver(r, true));
        assertThat(strict).allMatch(semver::isValid);
        List<String> sortedStrict = new ArrayList<>(strict);
        sortedStrict.sort(semver::compare);
        List<String[]> strictPairs = VersionSamples.pairs(8, sortedStrict, 1000);

        List<String> candidates = VersionSamples.generate(32, 1500, r -> mutate(r, VersionSamples.npm(r)));

        Path input = Oracle.writeJson(tmp, Map.of("loose", Oracle.asLists(loosePairs), "strict", Oracle.asLists(strictPairs),
                "candidates", candidates));
        List<String> command = List.of("node", "-e", SCRIPT, module.toString(), input.toString());
        JsonNode answer = Oracle.readJson(Oracle.run(tmp, command), command);

        assertThat(Oracle.disagreements(npm, loosePairs, answer.get("loose")))
                .as("%d loose pairs compared with semver %s", loosePairs.size(), answer.get("version").asText()).isEmpty();
        assertThat(Oracle.disagreements(semver, strictPairs, answer.get("strict")))
                .as("%d strict pairs compared", strictPairs.size()).isEmpty();
        List<String> wrongValidity = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (npm.isValid(candidates.get(i)) != answer.get("valid").get(i).asBoolean()) {
                wrongValidity.add("[" + candidates.get(i) + "] node-semver says valid=" + answer.get("valid").get(i).asBoolean());
            }
        }
        assertThat(wrongValidity).as("%d candidates checked", candidates.size()).isEmpty();
        OrderChecks.totalOrder(npm, loose.subList(0, 500));
        OrderChecks.totalOrder(semver, strict.subList(0, 500));
    }

    /** The semver package: installed once into target/, else the copy inside npm, else null. */
    private static Path semverModule() throws IOException {
        Path prefix = Path.of("target", "npm-oracle").toAbsolutePath();
        Path installed = prefix.resolve("node_modules/semver");
        Files.createDirectories(prefix);
        if (!Files.isRegularFile(installed.resolve("package.json"))) {
            // bounded, so an unreachable registry falls back instead of hanging the build
            quietly(prefix, "npm", "install", "--prefix", prefix.toString(), "--no-save", "--no-audit", "--no-fund", "--silent",
                    "--fetch-retries=1", "--fetch-timeout=30000", "semver@" + SEMVER_VERSION);
        }
        if (Files.isRegularFile(installed.resolve("package.json"))) {
            return installed;
        }
        Oracle.Result root = quietly(prefix, "npm", "root", "-g");
        if (root == null || root.exitCode() != 0) {
            return null;
        }
        Path bundled = Path.of(root.stdout().strip(), "npm", "node_modules", "semver");
        return Files.isRegularFile(bundled.resolve("package.json")) ? bundled : null;
    }

    /** Runs a command, or returns null when it cannot start or does not finish. */
    private static Oracle.Result quietly(Path dir, String... command) {
        try {
            return Oracle.run(dir, List.of(command));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String mutate(Random r, String v) {
        StringBuilder s = new StringBuilder(v);
        int edits = 1 + r.nextInt(2);
        for (int i = 0; i < edits; i++) {
            int at = r.nextInt(s.length() + 1);
            String c = VersionSamples.pick(r, ".", "-", "+", "=", "v", "a", "0", "1", " ", "\u00A0", "\t", "..", "x", "é");
            if (r.nextBoolean() && at < s.length()) {
                s.deleteCharAt(at);
            } else {
                s.insert(at, c);
            }
        }
        return s.toString();
    }
}
