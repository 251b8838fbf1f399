package dev.lading.oci.layer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Builds tars with commons-compress, independently of the writer under test, including hostile ones. */
final class TarBuilder {
    private record Item(TarArchiveEntry entry, byte[] content) {
    }

    private final List<Item> items = new ArrayList<>();

    static TarBuilder tar() {
        return new TarBuilder();
    }

    private static TarArchiveEntry entry(String name, byte type) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true); // keep "/" and "../" as given
        e.setUserName("");
        e.setGroupName("");
        e.setIds(0, 0);
        e.setModTime(1_000_000_000_000L);
        return e;
    }

    TarBuilder file(String name, String content) {
        return file(name, content, e -> { });
    }

    TarBuilder file(String name, String content, Consumer<TarArchiveEntry> tweak) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL);
        e.setMode(0100644);
        e.setSize(data.length);
        tweak.accept(e);
        items.add(new Item(e, data));
        return this;
    }

    TarBuilder dir(String name, int mode) {
        return dir(name, mode, e -> { });
    }

    TarBuilder dir(String name, int mode, Consumer<TarArchiveEntry> tweak) {
        TarArchiveEntry e = entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
        e.setMode(040000 | mode);
        tweak.accept(e);
        items.add(new Item(e, new byte[0]));
        return this;
    }

    TarBuilder symlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        e.setMode(0120777);
        items.add(new Item(e, new byte[0]));
        return this;
    }

    TarBuilder hardlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        e.setMode(0100644);
        items.add(new Item(e, new byte[0]));
        return this;
    }

    TarBuilder device(String name, byte type, int major, int minor) {
        TarArchiveEntry e = entry(name, type);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        e.setMode(0666);
        items.add(new Item(e, new byte[0]));
        return this;
    }

    /** A header that declares {@code size} bytes; the tar ends right after it (no content). */
    TarBuilder declaredOnly(String name, long size) {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL);
        e.setMode(0100644);
        e.setSize(size);
        items.add(new Item(e, null));
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            // block size 512: every record reaches `bytes` at once, so a tar can end right after a header
            TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, 512, "UTF-8");
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Item i : items) {
                out.putArchiveEntry(i.entry);
                if (i.content == null) {
                    return bytes.toByteArray(); // a header promising content that never comes
                }
                out.write(i.content);
                out.closeArchiveEntry();
            }
            out.finish();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
