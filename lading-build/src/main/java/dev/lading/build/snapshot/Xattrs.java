package dev.lading.build.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extended attributes as far as Java reaches: the {@code user.*} namespace only (the JDK prefixes "user."
 * itself; {@code security.capability} and {@code trusted.*} would need getfattr or native code). The
 * {@code user.overlay.*} names are overlayfs bookkeeping, never image content.
 */
final class Xattrs {
    static final String OVERLAY = "overlay.";

    private Xattrs() {
    }

    /** The names (without "user."), empty where the file system has no xattrs or the file cannot be opened. */
    static List<String> names(Path p) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return List.of();
        }
        try {
            return view.list();
        } catch (AccessDeniedException e) {
            return List.of(); // rootless, a file of mode 0000: the JDK opens it to list; nothing we could copy anyway
        } catch (FileSystemException e) {
            if (e.getMessage() != null && e.getMessage().contains("not supported")) {
                return List.of();
            }
            throw e;
        }
    }

    static byte[] read(Path p, String name) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        ByteBuffer buf = ByteBuffer.allocate(view.size(name));
        view.read(name, buf);
        return buf.array();
    }

    /** The image-relevant {@code user.*} xattrs of a file or directory, full names to raw values. */
    static Map<String, byte[]> user(Path p) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        for (String name : names(p)) {
            if (!name.startsWith(OVERLAY)) {
                out.put("user." + name, read(p, name));
            }
        }
        return out;
    }
}
