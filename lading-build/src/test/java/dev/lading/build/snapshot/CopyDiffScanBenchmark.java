package dev.lading.build.snapshot;

import dev.lading.build.IdMapping;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long copy-diff's two scans take on a tree of {@code lading.bench.files} files (default 100k) in
 * directories of 100. Off unless {@code -Dlading.bench=true}: it writes that many files.
 */
@Tag("integration")
@EnabledIfSystemProperty(named = "lading.bench", matches = "true")
class CopyDiffScanBenchmark {

    @Test
    void scanALargeTree(@TempDir Path tmp) throws Exception {
        int files = Integer.getInteger("lading.bench.files", 100_000);
        Path root = tmp.resolve("rootfs");
        for (int i = 0; i < files; i++) {
            Path dir = root.resolve("d" + (i / 10_000)).resolve("e" + (i / 100 % 100));
            if (i % 100 == 0) {
                Files.createDirectories(dir);
            }
            Files.writeString(dir.resolve("f" + i), "x");
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = cpu.getCurrentThreadCpuTime();
        Snapshotter.Session s = new CopyDiffSnapshotter().begin(root, Map.of(), IdMapping.identity());
        long t1 = System.nanoTime();
        long c1 = cpu.getCurrentThreadCpuTime();
        Files.writeString(root.resolve("d0/e0/f0"), "changed");
        Snapshotter.Result r = s.commit();
        long t2 = System.nanoTime();
        long c2 = cpu.getCurrentThreadCpuTime();
        // CPU time too: on a shared build machine the wall clock mostly measures the neighbours
        System.out.printf("copy-diff on %d files: begin (scan) %d ms wall / %d ms cpu, commit (scan + diff) %d ms wall / %d ms cpu%n",
                files, (t1 - t0) / 1_000_000, (c1 - c0) / 1_000_000, (t2 - t1) / 1_000_000, (c2 - c1) / 1_000_000);
        assertThat(r.entries()).hasSize(3);
    }
}
