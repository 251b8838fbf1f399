package dev.lading.scan.version;

import dev.lading.oci.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RpmVersion against rpm itself ({@code rpm.vercmp} in rpm's Lua, librpm's EVR comparison) on generated versions. */
@Tag("integration")
class RpmVersionOracleTest {
    private final RpmVersion rpm = new RpmVersion();

    @TempDir
    Path tmp;

    @Test
    void everyGeneratedPairOrdersAsRpmVercmp() throws Exception {
        Tools.require("rpm", "rpm");
        List<String> versions = VersionSamples.generate(20261205, 1500, VersionSamples::rpm);
        assertThat(versions).allMatch(rpm::isValid);
        List<String> sorted = new ArrayList<>(versions);
        sorted.sort(rpm::compare);
        List<String[]> pairs = VersionSamples.pairs(11, sorted, 1500);

        // one rpm process for every pair: its Lua reads the pairs (no whitespace in a version) and prints the signs
        StringBuilder input = new StringBuilder();
        for (String[] p : pairs) {
            input.append(p[0]).append(' ').append(p[1]).append('\n');
        }
        Path file = tmp.resolve("pairs.txt");
        Files.writeString(file, input);
        String lua = "%{lua: for line in io.lines('" + file + "') do local a, b = line:match('^(%S+) (%S+)$');"
                + " io.write(tostring(rpm.vercmp(a, b)), '\\n') end}";
        Oracle.Result result = Oracle.run(tmp, List.of("rpm", "--eval", lua));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> signs = result.stdout().lines().filter(l -> !l.isEmpty()).toList();
        assertThat(signs).hasSize(pairs.size());

        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            int ours = rpm.compare(pairs.get(i)[0], pairs.get(i)[1]);
            int theirs = Integer.signum(Integer.parseInt(signs.get(i).strip()));
            if (ours != theirs) {
                wrong.add(pairs.get(i)[0] + " vs " + pairs.get(i)[1] + ": lading " + ours + ", rpm " + theirs);
            }
        }
        assertThat(wrong).as("%d pairs compared", pairs.size()).isEmpty();
        OrderChecks.totalOrder(rpm, versions);
    }
}
