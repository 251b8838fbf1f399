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

/** DebianVersion against dpkg itself on versions generated from policy's grammar. */
@Tag("integration")
class DebianVersionOracleTest {
    private final DebianVersion deb = new DebianVersion();

    @TempDir
    Path tmp;

    @Test
    void everyGeneratedPairOrdersAsDpkgCompareVersions() throws Exception {
        Tools.require("dpkg", "dpkg");
        List<String> versions = VersionSamples.generate(20261205, 1000, VersionSamples::debian);
        assertThat(versions).allMatch(deb::isValid);
        List<String> sorted = new ArrayList<>(versions);
        sorted.sort(deb::compare);
        List<String[]> pairs = VersionSamples.pairs(7, sorted, 600);

        // One shell runs dpkg for every pair (about a millisecond each); policy versions hold no whitespace.
        StringBuilder input = new StringBuilder();
        for (String[] p : pairs) {
            input.append(p[0]).append(' ').append(p[1]).append('\n');
        }
        Path file = tmp.resolve("pairs.txt");
        Files.writeString(file, input);
        String script = "while read -r a b; do"
                + " if dpkg --compare-versions \"$a\" lt \"$b\"; then echo -1;"
                + " elif dpkg --compare-versions \"$a\" eq \"$b\"; then echo 0;"
                + " else echo 1; fi; done < " + file;
        Oracle.Result result = Oracle.run(tmp, List.of("sh", "-c", script));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        // dpkg warns about versions that break policy; the generator must only make ones that keep it
        assertThat(result.stderr()).isEmpty();
        List<String> signs = result.stdout().lines().toList();
        assertThat(signs).hasSize(pairs.size());

        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            int ours = deb.compare(pairs.get(i)[0], pairs.get(i)[1]);
            if (ours != Integer.parseInt(signs.get(i))) {
                wrong.add(pairs.get(i)[0] + " vs " + pairs.get(i)[1] + ": lading " + ours + ", dpkg " + signs.get(i));
            }
        }
        assertThat(wrong).as("%d pairs compared", pairs.size()).isEmpty();
        OrderChecks.totalOrder(deb, versions);
    }
}
