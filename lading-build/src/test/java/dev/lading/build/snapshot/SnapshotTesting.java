package dev.lading.build.snapshot;

import dev.lading.build.Sandbox;
import dev.lading.oci.MediaType.Compression;
import dev.lading.oci.layer.EntryType;
import dev.lading.oci.layer.ExtractOptions;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.LayerExtractor;
import dev.lading.oci.layer.LayerWriter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A small image-like tree, ways to change it (directly or through a mounted overlay), and ways to compare. */
final class SnapshotTesting {
    private SnapshotTesting() {
    }

    static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /** The tree every scenario starts from; owners other than the current user only when running as root. */
    static void makeBase(Path root) throws IOException {
        Files.createDirectories(root);
        file(root, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", 0644);
        file(root, "etc/shadow", "root:*:19000::::::\n", 0640);
        file(root, "usr/bin/tool", "#!/bin/sh\necho tool\n", 0755);
        file(root, "usr/lib/libx.so", "ELF-ish bytes", 0644);
        Files.createSymbolicLink(root.resolve("usr/lib/link"), Path.of("libx.so"));
        file(root, "data/a/b/c.txt", "c", 0644);
        file(root, "data/a/d.txt", "d", 0644);
        Files.createDirectories(root.resolve("data/e"));
        file(root, "data/keep.txt", "keep", 0644);
        file(root, "var/lib/x", "x", 0600);
        file(root, "opt/file", "opt", 0644);
        Files.createDirectories(root.resolve("home/u"));
        FileOps.setMode(root.resolve("home/u"), 0750);
        file(root, "srv/h1", "shared inode", 0644);
        Files.createLink(root.resolve("srv/h2"), root.resolve("srv/h1"));
        if (isRoot()) {
            chown(root.resolve("etc/shadow"), 0, 42);
            chown(root.resolve("home/u"), 1000, 1000);
        }
    }

    static void file(Path root, String path, String content, int mode) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        FileOps.setMode(p, mode);
    }

    static void chown(Path p, long uid, long gid) throws IOException {
        Files.setAttribute(p, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
    }

    /** Runs a busybox shell script with the session's root as the working directory, as a RUN would see it. */
    static void run(Sandbox.Root root, String script, Path scratch) throws IOException, InterruptedException {
        run(root, script, scratch, OverlaySnapshotter.MOUNT_OPTIONS + ",");
    }

    /** {@code overlayOptions} go before lowerdir=…: empty or ending with a comma. */
    static void run(Sandbox.Root root, String script, Path scratch, String overlayOptions) throws IOException, InterruptedException {
        switch (root) {
            case Sandbox.Root.Directory(Path dir) -> exec(List.of("/bin/busybox", "sh", "-c",
                    "set -e; cd \"$1\"; " + script, "sh", dir.toString()));
            case Sandbox.Root.Overlay(Path lower, Path upper, Path work) -> {
                Path mnt = Files.createDirectories(scratch.resolve("mnt"));
                exec(List.of("unshare", "--mount", "--", "/bin/busybox", "sh", "-c",
                        "set -e; mount -t overlay overlay -o " + overlayOptions
                                + "lowerdir=\"$1\",upperdir=\"$2\",workdir=\"$3\" \"$4\"; cd \"$4\"; " + script,
                        "sh", lower.toString(), upper.toString(), work.toString(), mnt.toString()));
            }
        }
    }

    /** Whether this host lets us mount an overlay in a new mount namespace. */
    static boolean canMountOverlay(Path scratch) {
        try {
            for (String d : List.of("l", "u", "w", "m")) {
                Files.createDirectories(scratch.resolve(d));
            }
            exec(List.of("unshare", "--mount", "--", "/bin/busybox", "sh", "-c",
                    "mount -t overlay overlay -o " + OverlaySnapshotter.MOUNT_OPTIONS + ",lowerdir=l,upperdir=u,workdir=w m",
                    "sh"), scratch);
            return true;
        } catch (IOException | InterruptedException | AssertionError e) {
            return false;
        }
    }

    static void exec(List<String> command) throws IOException, InterruptedException {
        exec(command, null);
    }

    static void exec(List<String> command, Path cwd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(command + " failed: " + out);
        }
    }

    /** One entry as tests compare it: every field that reaches the tar, content included. */
    static String describe(LayerEntry e) throws IOException {
        StringBuilder b = new StringBuilder(e.path()).append(' ').append(e.type())
                .append(' ').append(String.format("%04o", e.mode())).append(' ').append(e.uid()).append(':').append(e.gid());
        if (e.type() == EntryType.FILE) {
            b.append(" size=").append(e.size());
            if (e.size() > 0) {
                try (InputStream in = e.content().open()) {
                    b.append(" '").append(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\n", "\\n")).append('\'');
                }
            }
        }
        if (e.linkTarget() != null) {
            b.append(" -> ").append(e.linkTarget());
        }
        if (e.type().isDevice()) {
            b.append(' ').append(e.devMajor()).append(',').append(e.devMinor());
        }
        e.xattrs().forEach((k, v) -> b.append(' ').append(k).append('=').append(new String(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    /** The short form the scenarios list: path, type, mode, owner, link target. */
    static String summary(LayerEntry e) {
        return e.path() + " " + e.type() + " " + String.format("%04o", e.mode()) + " " + e.uid() + ":" + e.gid()
                + (e.linkTarget() == null ? "" : " -> " + e.linkTarget());
    }

    static List<String> describe(List<LayerEntry> entries) throws IOException {
        List<String> out = new ArrayList<>();
        for (LayerEntry e : entries) {
            out.add(describe(e));
        }
        return out;
    }

    /** Every path of a tree with what an image cares about (no times, no directory sizes, hardlinks by group). */
    static List<String> describeTree(Path root) throws IOException {
        Map<String, FileMeta> scan = TreeScan.scan(root.toRealPath());
        List<String> paths = new ArrayList<>(scan.keySet());
        paths.sort(ChangeSet.BY_PATH_BYTES);
        Map<List<Long>, String> firstOfInode = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String path : paths) {
            FileMeta m = scan.get(path);
            Path p = root.resolve(path);
            StringBuilder b = new StringBuilder(path).append(' ').append(Integer.toOctalString(m.type()))
                    .append(' ').append(String.format("%04o", m.perm())).append(' ').append(m.uid()).append(':').append(m.gid());
            if (m.isRegularFile()) {
                String first = m.nlink() > 1 ? firstOfInode.putIfAbsent(List.of(m.dev(), m.ino()), path) : null;
                if (first != null) {
                    b.append(" => ").append(first);
                } else {
                    try (InputStream in = FileOps.openForReading(p)) {
                        b.append(" '").append(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\n", "\\n")).append('\'');
                    }
                }
            } else if (m.isSymlink()) {
                b.append(" -> ").append(Files.readSymbolicLink(p));
            } else if (m.type() == FileMeta.S_IFCHR || m.type() == FileMeta.S_IFBLK) {
                b.append(' ').append(m.devMajor()).append(',').append(m.devMinor());
            }
            if (m.isRegularFile() || m.isDirectory()) {
                Xattrs.user(p).forEach((k, v) -> b.append(' ').append(k).append('=').append(new String(v, StandardCharsets.UTF_8)));
            }
            out.add(b.toString());
        }
        return out;
    }

    /** Writes the entries as a layer and applies it onto {@code target}, as the next build step would see it. */
    static void applyLayer(List<LayerEntry> entries, Path target) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        new LayerWriter(LayerWriter.Options.of(Compression.NONE)).write(entries, tar);
        new LayerExtractor(ExtractOptions.defaults()).apply(new ByteArrayInputStream(tar.toByteArray()), target);
    }
}
