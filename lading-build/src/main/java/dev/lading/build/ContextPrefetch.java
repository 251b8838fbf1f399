package dev.lading.build;

import dev.lading.dockerfile.ignore.DockerIgnore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lists the build context's COPY source directories (names and lstat attributes) on a thread of its own, from the
 * moment the Dockerfile is planned, so the walk of a COPY finds most of its directories already read. A rebuild's
 * time goes largely into that walk (one lstat per file), and until the first COPY the build's thread is busy with
 * other things: resolving base images, the cached steps before it.
 *
 * <p>Only an early copy of what {@link CopySources#walk} would read itself: the same listing
 * ({@link CopySources#list}), taken at most once per directory. Whoever comes to a directory first claims it; the
 * walk waits for a directory being listed here, and lists by itself a directory listed by nobody yet (this thread
 * then leaves that subtree to it) or one whose listing failed here (so the walk meets, and reports, the error
 * itself). Directories .dockerignore lets a walk skip are not entered.
 */
final class ContextPrefetch {

    /** One directory's listing: taken, or null when the caller lists it itself. */
    private static final CompletableFuture<List<CopySources.Listed>> CLAIMED = CompletableFuture.completedFuture(null);

    private final Path root;
    private final DockerIgnore ignore;
    private final ConcurrentHashMap<Path, CompletableFuture<List<CopySources.Listed>>> dirs = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private Thread thread;

    private ContextPrefetch(Path root, DockerIgnore ignore) {
        this.root = root;
        this.ignore = ignore;
    }

    /**
     * Starts listing {@code sources} (clean paths relative to {@code context}; those that are not directories are
     * passed over) on a daemon thread.
     */
    static ContextPrefetch start(Path context, DockerIgnore ignore, List<String> sources) {
        ContextPrefetch p = new ContextPrefetch(context, ignore);
        p.thread = Thread.ofPlatform().daemon().name("lading-context-prefetch").start(() -> {
            for (String s : sources) {
                p.prefetch(s.isEmpty() ? context : context.resolve(s), s);
            }
        });
        return p;
    }

    /** Waits for the listing thread to finish (tests). */
    void awaitDone() throws InterruptedException {
        if (thread != null) {
            thread.join();
        }
    }

    /** Lets the thread end at its next directory; what was listed stays usable. */
    void stop() {
        stopped = true;
    }

    /**
     * The listing of {@code dir} taken here (waiting for it if it is being taken), or null when the caller must list
     * it itself: nobody listed it yet (it is then the caller's, this thread skips it), listing it failed here, or an
     * earlier walk already used it (a listing serves one walk: a second COPY of the same directory reads it afresh).
     */
    List<CopySources.Listed> take(Path dir) {
        Path key = key(dir);
        CompletableFuture<List<CopySources.Listed>> f = dirs.putIfAbsent(key, CLAIMED);
        if (f == null || f == CLAIMED) {
            return null;
        }
        List<CopySources.Listed> listed = f.join();
        dirs.put(key, CLAIMED); // let the listing go once used
        return listed;
    }

    /** Lists {@code dir} ({@code rel} in the context) and the directories below it a walk would enter. */
    private void prefetch(Path dir, String rel) {
        if (stopped || (!rel.isEmpty() && ignore.canSkipDirectory(rel))) {
            return;
        }
        CompletableFuture<List<CopySources.Listed>> mine = new CompletableFuture<>();
        if (dirs.putIfAbsent(key(dir), mine) != null) {
            return; // the build's walk (or an overlapping source) got here first
        }
        List<CopySources.Listed> listed;
        try {
            listed = CopySources.list(dir);
        } catch (IOException | RuntimeException e) {
            mine.complete(null); // not a directory, gone, unreadable: the walk finds out for itself
            return;
        }
        mine.complete(listed);
        for (CopySources.Listed c : listed) {
            if (c.isDirectory()) {
                prefetch(dir.resolve(c.name()), CopySources.join(rel, c.name()));
            }
        }
    }

    private Path key(Path dir) {
        return root.resolve(dir).toAbsolutePath().normalize();
    }
}
