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

    /**
     * lading accepts exactly what dpkg accepts without a warning: dpkg refuses some strings and orders others
     * with a warning (a version not starting with a digit, a bad character), and lading refuses both kinds.
     * The exceptions, which lading refuses although dpkg takes them silently: surrounding whitespace (dpkg
     * strips it) and a signed epoch such as {@code +1:} (dpkg reads the epoch with strtol); neither keeps policy.
     */
    @Test
    void acceptsExactlyWhatDpkgAcceptsWithoutWarning() throws Exception {
        Tools.require("dpkg", "dpkg");
        List<String> candidates = VersionSamples.generate(41, 600, r -> mutate(r, VersionSamples.debian(r)));
        // one candidate per line, so a candidate holds no line break; a tab or space may stay inside it
        StringBuilder input = new StringBuilder();
        for (String c : candidates) {
            input.append(c).append('\n');
        }
        Path file = tmp.resolve("candidates.txt");
        Files.writeString(file, input);
        String script = "while IFS= read -r v; do"
                + " if out=$(dpkg --compare-versions \"$v\" eq \"$v\" 2>&1) && [ -z \"$out\" ]; then echo clean; else echo refused; fi;"
                + " done < " + file;
        Oracle.Result result = Oracle.run(tmp, List.of("sh", "-c", script));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> verdicts = result.stdout().lines().toList();
        assertThat(verdicts).hasSize(candidates.size());
        List<String> wrong = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < candidates.size(); i++) {
            String c = candidates.get(i);
            boolean dpkgClean = verdicts.get(i).equals("clean");
            boolean signedEpoch = c.contains(":") && (c.startsWith("+") || c.startsWith("-"));
            boolean expected = dpkgClean && c.strip().equals(c) && !signedEpoch;
            accepted += deb.isValid(c) ? 1 : 0;
            if (deb.isValid(c) != expected) {
                wrong.add("[" + c + "] dpkg " + verdicts.get(i) + ", lading valid=" + deb.isValid(c));
            }
        }
        assertThat(wrong).as("%d candidates, %d accepted", candidates.size(), accepted).isEmpty();
        assertThat(accepted).isBetween(candidates.size() / 10, candidates.size() * 9 / 10);
    }

    private static String mutate(java.util.Random r, String v) {
        StringBuilder s = new StringBuilder(v);
        int edits = 1 + r.nextInt(2);
        for (int i = 0; i < edits; i++) {
            int at = r.nextInt(s.length() + 1);
            String c = VersionSamples.pick(r, ":", "-", "~", "+", ".", "_", " ", "\t", "a", "0", "é", "!", "::", "--", "+1:");
            if (r.nextBoolean() && at < s.length()) {
                s.deleteCharAt(at);
            } else {
                s.insert(at, c);
            }
        }
        return s.toString();
    }
}
