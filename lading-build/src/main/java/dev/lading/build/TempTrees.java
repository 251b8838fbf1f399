package dev.lading.build;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Removes a build's temp trees (working root filesystems, extracted archives). Deleting a root filesystem of
 * thousands of files can take longer than the build step that made it; a command-line build does not make its
 * user wait for that: the tree is renamed out of the way at once (nothing can pick it up by its old name) and
 * removed by a detached {@code rm -rf} that outlives the JVM, niced so it does not compete with what runs next.
 * When that cannot start, the tree is deleted here and now.
 */
final class TempTrees {

    private TempTrees() {
    }

    static void dispose(Path dir, boolean background) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (background) {
            Path trash = dir.resolveSibling(dir.getFileName() + ".trash");
            try {
                Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
                // directories extracted without write permission are made writable first, as deleteTree does
                new ProcessBuilder("nice", "-n", "19", "sh", "-c", "chmod -R u+rwX \"$1\" 2>/dev/null; exec rm -rf \"$1\"", "sh", trash.toString())
                        .redirectInput(Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(Redirect.DISCARD)
                        .redirectError(Redirect.DISCARD)
                        .start();
                return;
            } catch (IOException e) {
                dir = Files.exists(trash, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? trash : dir;
            }
        }
        dev.lading.oci.FileTrees.deleteQuietly(dir);
    }
}
