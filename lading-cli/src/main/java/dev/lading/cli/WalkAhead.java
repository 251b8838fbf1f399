package dev.lading.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The search of {@code lading lint DIR…} for its files, started on a spare core from the raw command line before
 * the command line is parsed. {@link LintCommand} takes the result only when the directories it parsed are exactly
 * the ones guessed here, joining the walk if it is still going ({@link Discovery.Walk}); otherwise it walks as
 * before. The guess reads the command line as lint's options are declared
 * (which take a value); a wrong guess costs a walk on an idle core, never a wrong result.
 */
final class WalkAhead {
    private WalkAhead() {
    }

    /** What {@link LintCommand#discover(Path, Map)} gave for each directory, in order, and what it listed. */
    record Result(List<Path> roots, List<List<Path>> found, Map<Path, Set<String>> listed) {
    }

    /** lint's options (and the registry ones it mixes in) that take the next word as their value. */
    static final Set<String> WITH_VALUE = Set.of("--format", "--failure-threshold", "--config", "--ignore",
            "--baseline", "--write-baseline", "--explain", "--fix-skip", "--authfile", "--creds", "--ca-file",
            "--cert-dir", "--registries-conf");

    private static volatile CompletableFuture<Optional<Result>> pending;
    /** The directories being walked, and the walk of the one in progress, which the command's thread can join. */
    private static volatile List<Path> walking;
    private static volatile Discovery.Walk current;

    /** Starts the walk if {@code args} (lint's, after the word {@code lint}) name directories only, or none. */
    static void start(List<String> args) {
        Optional<List<Path>> roots = roots(args);
        if (roots.isEmpty()) {
            return;
        }
        CompletableFuture<Optional<Result>> f = new CompletableFuture<>();
        walking = roots.get();
        pending = f;
        Thread t = new Thread(() -> f.complete(walk(roots.get())), "lading-walk-ahead");
        t.setDaemon(true);
        t.start();
    }

    /** The directories {@code args} name, when it names nothing else and asks for a walk. */
    static Optional<List<Path>> roots(List<String> args) {
        List<Path> roots = new ArrayList<>();
        boolean options = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.startsWith("-")) {
                if (a.equals("--explain") || a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                    return Optional.empty(); // no walk at all
                }
                if (WITH_VALUE.contains(a)) {
                    i++;
                } else if (a.equals("--tls-verify") && i + 1 < args.size()
                        && (args.get(i + 1).equals("true") || args.get(i + 1).equals("false"))) {
                    i++;
                }
            } else {
                Path p = Path.of(a);
                if (!Files.isDirectory(p)) {
                    return Optional.empty(); // a file named on the command line is linted without a walk
                }
                roots.add(p);
            }
        }
        return Optional.of(roots.isEmpty() ? List.of(Path.of(".")) : roots);
    }

    private static Optional<Result> walk(List<Path> roots) {
        try {
            Map<Path, Set<String>> listed = new HashMap<>();
            List<List<Path>> found = new ArrayList<>();
            for (Path root : roots) {
                Discovery.Walk w = Discovery.Walk.of(root);
                current = w;
                w.work();
                current = null;
                found.add(w.finish(listed));
            }
            return Optional.of(new Result(roots, found, listed));
        } catch (RuntimeException e) {
            return Optional.empty(); // the command walks again, and reports what went wrong
        }
    }

    /**
     * The walk of {@code roots}, if it was started for exactly these directories (once: a second command in
     * the same process walks for itself).
     */
    static Optional<Result> take(List<Path> roots) {
        CompletableFuture<Optional<Result>> f = pending;
        pending = null;
        if (f == null) {
            return Optional.empty();
        }
        // the walk of these very directories still going: this thread has nothing else to do, so it walks too
        Discovery.Walk w = current;
        if (w != null && !f.isDone() && roots.equals(walking)) {
            w.work();
        }
        try {
            Optional<Result> r = f.get();
            return r.isPresent() && r.get().roots().equals(roots) ? r : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }
}
