package dev.lading.scan.version;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pep440Version against python's {@code packaging.version} (what pip orders with): one python process
 * compares every pair and says which strings it accepts.
 */
@Tag("integration")
class Pep440VersionOracleTest {
    private static final String SCRIPT = """
            import json, sys
            from packaging.version import Version, InvalidVersion
            data = json.load(open(sys.argv[1], encoding="utf-8"))
            def sign(a, b):
                a, b = Version(a), Version(b)
                return -1 if a < b else (0 if a == b else 1)
            def valid(v):
                try:
                    Version(v)
                    return True
                except InvalidVersion:
                    return False
            json.dump({"signs": [sign(a, b) for a, b in data["pairs"]],
                       "valid": [valid(v) for v in data["candidates"]]}, sys.stdout)
            """;

    private final Pep440Version pep = new Pep440Version();

    @TempDir
    Path tmp;

    @Test
    void generatedPairsOrderAndCandidatesParseAsPackagingVersion() throws Exception {
        Oracle.skipUnless(Oracle.works(tmp, "python3", "-c", "import packaging.version"),
                "python3 with the packaging module is needed (it comes with pip; PyPI may not be reachable to install it)");
        List<String> versions = VersionSamples.generate(20261205, 1000, VersionSamples::pep440);
        assertThat(versions).allMatch(pep::isValid);
        List<String> sorted = new ArrayList<>(versions);
        sorted.sort(pep::compare);
        List<String[]> pairs = VersionSamples.pairs(7, sorted, 1000);
        List<String> candidates = VersionSamples.generate(21, 1500, r -> mutate(r, VersionSamples.pep440(r)));

        Path input = Oracle.writeJson(tmp, Map.of("pairs", Oracle.asLists(pairs), "candidates", candidates));
        List<String> command = List.of("python3", "-c", SCRIPT, input.toString());
        JsonNode answer = Oracle.readJson(Oracle.run(tmp, command), command);

        assertThat(Oracle.disagreements(pep, pairs, answer.get("signs"))).as("%d pairs compared", pairs.size()).isEmpty();
        List<String> wrongValidity = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (pep.isValid(candidates.get(i)) != answer.get("valid").get(i).asBoolean()) {
                wrongValidity.add("[" + candidates.get(i) + "] packaging says valid=" + answer.get("valid").get(i).asBoolean());
            }
        }
        assertThat(wrongValidity).as("%d candidates checked", candidates.size()).isEmpty();
        OrderChecks.totalOrder(pep, versions.subList(0, 500));
    }

    /** One or two edits that often break a version and sometimes make a different valid one. */
    private static String mutate(Random r, String v) {
        StringBuilder s = new StringBuilder(v);
        int edits = 1 + r.nextInt(2);
        for (int i = 0; i < edits; i++) {
            int at = r.nextInt(s.length() + 1);
            String c = VersionSamples.pick(r, ".", "-", "_", "+", "!", "a", "b", "c", "r", "v", "post", "dev", "1", "0", " ", "..", "é", "K");
            if (r.nextBoolean() && at < s.length()) {
                s.deleteCharAt(at);
            } else {
                s.insert(at, c);
            }
        }
        return s.toString();
    }
}
