package dev.lading.scan.efficiency;

import dev.lading.oci.ImageConfig;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.testing.TestImages;
import dev.lading.scan.policy.PolicyResult;
import dev.lading.scan.secrets.ImageFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EfficiencyAnalyzerTest {
    @TempDir
    Path tmp;

    private EfficiencyReport analyze(TestImages.Image image) throws Exception {
        try (ImageFixture.Opened o = ImageFixture.open(tmp, image)) {
            return EfficiencyAnalyzer.analyze(o.reader(), o.image());
        }
    }

    private static LayerEntry file(String path, int size) {
        return LayerEntry.file(path, 0644, "x".repeat(size));
    }

    /**
     * The image of dive's own efficiency test (wagoodman/dive, dive/filetree/efficiency_test.go: TestEfficency),
     * written as a real tar: no directory entries, so /etc/nginx exists only as an implied parent, which dive's
     * tree does not mark as a directory; deleting it therefore counts 0 bytes. dive expects a score of 0.75 and
     * one inefficient path, /etc/nginx/nginx.conf, 7000 bytes over layers 0 and 1.
     */
    @Test
    void divesOwnTestImageGetsDivesNumbers() throws Exception {
        TestImages.Layer l0 = TestImages.layer(Map.of("etc/nginx/nginx.conf", "x".repeat(2000), "etc/nginx/public", "x".repeat(3000)));
        TestImages.Layer l1 = TestImages.layer(Map.of("etc/nginx/nginx.conf", "x".repeat(5000), "etc/athing", "x".repeat(10000)));
        TestImages.Layer l2 = TestImages.layer(Map.of("etc/.wh.nginx", ""));
        EfficiencyReport r = analyze(ImageFixture.image(l0, l1, l2));

        assertThat(r.efficiency()).isEqualTo(0.75);
        assertThat(r.inefficiencies()).containsExactly(new Inefficiency("/etc/nginx/nginx.conf", 2, 7000, List.of(0, 1)));
        assertThat(r.wastedBytes()).isEqualTo(7000);
    }

    /**
     * The same image as build tools write it (every directory has its own entry). dive's semantics, from
     * dive/filetree/efficiency.go (Efficiency) and dive/image/image.go (Analyze):
     * <pre>
     * path                    versions (layer: bytes)        cumulative  minimum
     * /etc/nginx/nginx.conf   0: 2000, 1: 5000               7000        2000    touched twice: wasted
     * /etc/nginx/public       0: 3000                        3000        3000
     * /etc/athing             1: 10000                       10000       10000
     * /etc/nginx              2: whiteout of a directory     8000        8000    (5000 + 3000 under it, stacked 0..1)
     * score = (2000 + 3000 + 10000 + 8000) / (7000 + 3000 + 10000 + 8000) = 23000 / 28000
     * wasted = 7000; user bytes = layers 1..2 = 15000 + 0; user-wasted = 7000 / 15000
     * </pre>
     * Directories with children are not leaves of their layer, so they do not count.
     */
    @Test
    void aThreeLayerImageWithDirectoryEntriesFollowsDivesArithmetic() throws Exception {
        TestImages.Layer l0 = ImageFixture.layer(LayerEntry.directory("etc", 0755), LayerEntry.directory("etc/nginx", 0755),
                file("etc/nginx/nginx.conf", 2000), file("etc/nginx/public", 3000));
        TestImages.Layer l1 = ImageFixture.layer(LayerEntry.directory("etc", 0755), LayerEntry.directory("etc/nginx", 0755),
                file("etc/nginx/nginx.conf", 5000), file("etc/athing", 10000));
        TestImages.Layer l2 = ImageFixture.layer(LayerEntry.whiteout("etc/nginx"));
        EfficiencyReport r = analyze(ImageFixture.image(l0, l1, l2));

        assertThat(r.efficiency()).isCloseTo(23000.0 / 28000.0, within(1e-12));
        assertThat(r.wastedBytes()).isEqualTo(7000);
        assertThat(r.userSizeBytes()).isEqualTo(15000);
        assertThat(r.wastedUserFraction()).isCloseTo(7000.0 / 15000.0, within(1e-12));
        assertThat(r.inefficiencies()).containsExactly(new Inefficiency("/etc/nginx/nginx.conf", 2, 7000, List.of(0, 1)));
        assertThat(r.contentBytes()).isEqualTo(20000);
    }

    /** A file deleted later: the deletion is a second version of 0 bytes, so the file's size is all waste. */
    @Test
    void aFileDeletedInALaterLayerIsWastedWhole() throws Exception {
        TestImages.Layer l0 = ImageFixture.layer(file("keep", 50), file("tmp.tar", 400));
        TestImages.Layer l1 = ImageFixture.layer(LayerEntry.whiteout("tmp.tar"), file("new", 100));
        EfficiencyReport r = analyze(ImageFixture.image(l0, l1));
        assertThat(r.inefficiencies()).containsExactly(new Inefficiency("/tmp.tar", 2, 400, List.of(0, 1)));
        assertThat(r.wastedBytes()).isEqualTo(400);
        // minimums 50 + 0 + 100 over cumulative 50 + 400 + 100
        assertThat(r.efficiency()).isCloseTo(150.0 / 550.0, within(1e-12));
        assertThat(r.wastedUserFraction()).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void anImageWhereNoPathRecursIsFullyEfficient() throws Exception {
        EfficiencyReport r = analyze(ImageFixture.image(ImageFixture.layer(file("a", 10)), ImageFixture.layer(file("b", 20))));
        assertThat(r.efficiency()).isEqualTo(1.0);
        assertThat(r.wastedBytes()).isZero();
        assertThat(r.wastedUserFraction()).isZero();
        assertThat(r.inefficiencies()).isEmpty();
        assertThat(EfficiencyGates.DIVE_DEFAULTS.evaluate(r)).extracting(PolicyResult::status)
                .containsOnly(PolicyResult.Status.PASS);
    }

    @Test
    void anEmptyImageScoresOne() throws Exception {
        EfficiencyReport r = analyze(ImageFixture.image(ImageFixture.layer(LayerEntry.directory("empty", 0755))));
        assertThat(r.efficiency()).isEqualTo(1.0);
    }

    @Test
    void eachLayerCountsWhatItAddsModifiesAndRemoves() throws Exception {
        TestImages.Layer l0 = ImageFixture.layer(LayerEntry.directory("app", 0755), file("app/a", 10), file("app/b", 20),
                LayerEntry.directory("cache", 0755), file("cache/c1", 30), file("cache/c2", 40));
        TestImages.Layer l1 = ImageFixture.layer(LayerEntry.directory("app", 0755), file("app/a", 11), file("app/new", 5),
                LayerEntry.symlink("app/link", "a"), LayerEntry.whiteout("app/b"), LayerEntry.whiteout("cache"));
        ImageConfig.Config run = ImageConfig.Config.EMPTY;
        EfficiencyReport r = analyze(ImageFixture.image(run, List.of("ADD rootfs /", "RUN build"), null, List.of(l0, l1)));

        LayerEfficiency first = r.layers().get(0);
        assertThat(first.filesAdded()).isEqualTo(4);
        assertThat(first.bytesAdded()).isEqualTo(100);
        assertThat(first.createdBy()).isEqualTo("ADD rootfs /");
        LayerEfficiency second = r.layers().get(1);
        assertThat(second.index()).isEqualTo(1);
        assertThat(second.digest()).isEqualTo(l1.descriptor().digest());
        assertThat(second.createdBy()).isEqualTo("RUN build");
        assertThat(second.filesAdded()).isEqualTo(2);
        assertThat(second.bytesAdded()).isEqualTo(5);
        assertThat(second.filesModified()).isEqualTo(1);
        assertThat(second.bytesModified()).isEqualTo(11);
        assertThat(second.filesRemoved()).isEqualTo(2);
        assertThat(second.bytesRemoved()).isEqualTo(20 + 30 + 40);
        assertThat(second.contentBytes()).isEqualTo(16);
        assertThat(second.compressedBytes()).isEqualTo(l1.descriptor().size());
        assertThat(second.uncompressedBytes()).isEqualTo(tarLength(l1));
        assertThat(r.compressedBytes()).isEqualTo(l0.descriptor().size() + l1.descriptor().size());
        assertThat(r.uncompressedBytes()).isEqualTo(tarLength(l0) + tarLength(l1));
        // deleting the directory /cache counts what was under it (dive); /app/b's deletion counts 0 but recurs
        assertThat(r.inefficiencies()).extracting(Inefficiency::path).containsExactly("/app/a", "/app/b");
        assertThat(r.wastedBytes()).isEqualTo(20 + 21);
    }

    @Test
    void divesGatesFailOnlyBeyondTheirThresholds() throws Exception {
        TestImages.Layer l0 = ImageFixture.layer(file("big", 1000));
        TestImages.Layer l1 = ImageFixture.layer(file("big", 1000), file("other", 9000));
        EfficiencyReport r = analyze(ImageFixture.image(l0, l1));
        // big: 2000 cumulative, 1000 minimum; other: 9000 → score 10000 / 11000; wasted 2000; user 10000
        assertThat(r.wastedBytes()).isEqualTo(2000);
        assertThat(r.wastedUserFraction()).isCloseTo(0.2, within(1e-12));

        List<PolicyResult> atThresholds = new EfficiencyGates(r.efficiency(), 2000L, 0.2).evaluate(r);
        assertThat(atThresholds).extracting(PolicyResult::status).containsOnly(PolicyResult.Status.PASS);

        List<PolicyResult> strict = new EfficiencyGates(0.95, 1999L, 0.19).evaluate(r);
        assertThat(strict).extracting(PolicyResult::id)
                .containsExactly("lowestEfficiency", "highestWastedBytes", "highestUserWastedPercent");
        assertThat(strict).extracting(PolicyResult::status).containsOnly(PolicyResult.Status.FAIL);
        assertThat(strict.get(1).details()).containsExactly("/big (2000 bytes in 2 layers)");

        assertThat(EfficiencyGates.NONE.evaluate(r)).extracting(PolicyResult::status).containsOnly(PolicyResult.Status.SKIP);
    }

    private static long tarLength(TestImages.Layer layer) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(layer.compressed()))) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
