package dev.lading.oci.layer;

import dev.lading.oci.MediaType.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ExtractOptions#withFilePool}: what a second extraction takes from the first, and what the pool never trusts. */
class FilePoolTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @TempDir
    Path temp;

    private static byte[] layer(List<LayerEntry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LayerWriter(LayerWriter.Options.of(Compression.GZIP).withSourceDateEpoch(1_600_000_000L)).write(entries, out);
        return out.toByteArray();
    }

    private static List<LayerEntry> entries() {
        return List.of(
                LayerEntry.directory("app", 0755),
                LayerEntry.file("app/a.txt", 0644, "alpha"),
                LayerEntry.file("app/b.bin", 0600, "beta".repeat(40_000)),
                LayerEntry.file("app/same-content", 0755, "alpha"), // same bytes as a.txt, other mode: its own store file
                LayerEntry.file("app/empty", 0644, ""),
                LayerEntry.hardlink("app/z-link", "app/a.txt"),
                LayerEntry.symlink("app/alias", "a.txt"),
                LayerEntry.file("app/attrs", 0644, "x").withXattrs(Map.of("user.note", "n".getBytes(StandardCharsets.UTF_8))));
    }

    private ExtractionReport extract(byte[] layer, Path target, FilePool pool) throws IOException {
        return new LayerExtractor(ExtractOptions.defaults().withFilePool(pool)).apply(new ByteArrayInputStream(layer), target);
    }

    private static long pooled(FilePool pool) throws IOException {
        if (!Files.isDirectory(pool.dir())) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(pool.dir())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** Every path with type, content, mode and mtime (and owner): what a RUN would see. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.equals(root)) {
                    continue; // made by the extractor, not by the layer: its mtime is when that happened
                }
                String what;
                if (Files.isSymbolicLink(p)) {
                    what = "link " + Files.readSymbolicLink(p);
                } else if (Files.isDirectory(p, NOFOLLOW)) {
                    what = "dir";
                } else {
                    what = "file " + new String(Files.readAllBytes(p), StandardCharsets.UTF_8).hashCode();
                }
                what += " mode=" + Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 07777)
                        + " mtime=" + Files.getLastModifiedTime(p, NOFOLLOW)
                        + " owner=" + Files.getAttribute(p, "unix:uid", NOFOLLOW) + ":" + Files.getAttribute(p, "unix:gid", NOFOLLOW);
                out.put(root.relativize(p).toString(), what);
            }
        }
        return out;
    }

    private static Object inode(Path p) throws IOException {
        return Files.getAttribute(p, "unix:ino", NOFOLLOW);
    }

    @Test
    void aSecondExtractionTakesTheFilesTheFirstGaveBackAndLooksTheSameAsOneWithoutAPool() throws IOException {
        byte[] layer = layer(entries());
        FilePool pool = new FilePool(temp.resolve("pool"));
        Path first = temp.resolve("first");
        Path plain = temp.resolve("plain");
        new LayerExtractor(ExtractOptions.defaults()).apply(new ByteArrayInputStream(layer), plain);
        extract(layer, first, pool);
        assertThat(tree(first)).isEqualTo(tree(plain));
        Object inode = inode(first.resolve("app/b.bin"));
        // a.txt has a second name in the layer (a hardlink): it stays; empty and xattr files are never pooled
        assertThat(pool.giveBack()).isEqualTo(2);
        assertThat(pooled(pool)).isEqualTo(2);

        Path second = temp.resolve("second");
        extract(layer, second, pool);
        assertThat(tree(second)).isEqualTo(tree(plain));
        assertThat(inode(second.resolve("app/b.bin"))).as("moved, not written").isEqualTo(inode);
        assertThat(Files.getAttribute(second.resolve("app/b.bin"), "unix:nlink")).isEqualTo(1);
        assertThat(pooled(pool)).isZero();
    }

    @Test
    void aPoolFileWhoseModeOrTimeWasChangedInThePoolStillComesOutAsTheLayerSays() throws IOException {
        byte[] layer = layer(entries());
        FilePool pool = new FilePool(temp.resolve("pool"));
        Path plain = temp.resolve("plain");
        new LayerExtractor(ExtractOptions.defaults()).apply(new ByteArrayInputStream(layer), plain);
        extract(layer, temp.resolve("first"), pool);
        assertThat(pool.giveBack()).isEqualTo(2);
        // the extractor trusts what it finds only after looking: change every pooled file behind its back
        try (Stream<Path> files = Files.walk(pool.dir())) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Files.setAttribute(f, "unix:mode", 0777);
                Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(123_000));
            }
        }
        Path second = temp.resolve("second");
        extract(layer, second, pool);
        assertThat(tree(second)).isEqualTo(tree(plain));
    }

    @Test
    void thePoolIsOwnerOnlyAndNeverHoldsSetuidFiles() throws IOException {
        byte[] layer = layer(List.of(LayerEntry.file("bin/su", 04755, "#!/bin/sh\n"), LayerEntry.file("etc/motd", 0644, "hi")));
        Files.createDirectories(temp.resolve("pool"), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        FilePool pool = new FilePool(temp.resolve("pool"));
        extract(layer, temp.resolve("first"), pool);
        assertThat(pool.giveBack()).isEqualTo(1);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(pool.dir()))).isEqualTo("rwx------");
        assertThat(temp.resolve("first/bin/su")).exists();
        assertThat(temp.resolve("first/etc/motd")).doesNotExist();
    }

    @Test
    void aPoolOnAnotherFileSystemIsNotUsed() throws IOException {
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
                && !Files.getAttribute(shm, "unix:dev").equals(Files.getAttribute(temp, "unix:dev")), "needs a second file system");
        Path elsewhere = Files.createTempDirectory(shm, "lading-pool-test-");
        try {
            FilePool pool = new FilePool(elsewhere.resolve("pool"));
            Path first = temp.resolve("first");
            extract(layer(List.of(LayerEntry.file("f", 0644, "content"))), first, pool);
            assertThat(Files.readString(first.resolve("f"))).isEqualTo("content");
            assertThat(pool.giveBack()).isZero();
            assertThat(pooled(pool)).isZero();
        } finally {
            try (Stream<Path> all = Files.walk(elsewhere)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void aFileChangedAfterExtractionDoesNotGoBack() throws IOException {
        byte[] layer = layer(List.of(LayerEntry.file("a", 0644, "one"), LayerEntry.file("b", 0644, "two"),
                LayerEntry.file("c", 0644, "three")));
        FilePool pool = new FilePool(temp.resolve("pool"));
        Path first = temp.resolve("first");
        extract(layer, first, pool);
        Files.writeString(first.resolve("a"), "ONE"); // written in place
        Files.setPosixFilePermissions(first.resolve("b"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(pool.giveBack()).isEqualTo(1);

        Path second = temp.resolve("second");
        extract(layer, second, pool);
        assertThat(Files.readString(second.resolve("a"))).isEqualTo("one");
        assertThat(Integer.toOctalString((Integer) Files.getAttribute(second.resolve("b"), "unix:mode") & 0777)).isEqualTo("644");
        assertThat(Files.readString(second.resolve("c"))).isEqualTo("three");
    }

    @Test
    void aPoolFileOfTheWrongSizeIsNeverTaken() throws IOException {
        byte[] layer = layer(List.of(LayerEntry.file("f", 0644, "the whole content")));
        FilePool pool = new FilePool(temp.resolve("pool"));
        extract(layer, temp.resolve("first"), pool);
        pool.giveBack();
        Path stored;
        try (Stream<Path> files = Files.walk(pool.dir())) {
            stored = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        // as if a crash or someone else had left it short: the name is right, the file is not whole
        Files.writeString(stored, "the whole");

        Path second = temp.resolve("second");
        extract(layer, second, pool);
        assertThat(Files.readString(second.resolve("f"))).isEqualTo("the whole content");
        assertThat(Files.readString(stored)).isEqualTo("the whole");
    }

    @Test
    void extractionsRunningTogetherFromOnePoolAllComeOutWhole() throws Exception {
        List<LayerEntry> many = new ArrayList<>();
        many.add(LayerEntry.directory("d", 0755));
        for (int i = 0; i < 200; i++) {
            many.add(LayerEntry.file("d/f" + i, 0644, ("content " + i).repeat(100 + i)));
        }
        byte[] layer = layer(many);
        FilePool pool = new FilePool(temp.resolve("pool"));
        Path plain = temp.resolve("plain");
        new LayerExtractor(ExtractOptions.defaults()).apply(new ByteArrayInputStream(layer), plain);
        extract(layer, temp.resolve("seed"), pool);
        pool.giveBack();
        List<Callable<Path>> jobs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Path target = temp.resolve("t" + t);
            FilePool own = new FilePool(pool.dir()); // as separate builds share the directory
            jobs.add(() -> {
                extract(layer, target, own);
                return target;
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (Future<Path> f : threads.invokeAll(jobs)) {
                assertThat(tree(f.get())).isEqualTo(tree(plain));
            }
        } finally {
            threads.shutdown();
        }
        assertThat(pooled(pool)).as("every file was taken by exactly one extraction").isZero();
    }
}
