package dev.lading.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.compose.ComposeFile;
import dev.lading.lint.files.IgnoreStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery's own walk finds what {@code Files.walkFileTree} (without following links) found before it, and
 * lists the same directories: on random trees with Dockerfiles, compose files, configuration and ignore files,
 * {@code .gitignore} files, skipped directories, symbolic links and odd names.
 */
class DiscoveryTest {

    /** The walk Discovery replaced, as it was. */
    private static List<Path> reference(Path dir, Map<Path, Set<String>> listed) throws IOException {
        Set<Path> found = new TreeSet<>();
        IgnoreStack gitignore = IgnoreStack.startingAt(dir);
        Map<Path, Set<String>> listing = new HashMap<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                if (!d.equals(dir) && (LintCommand.SKIPPED_DIRS.contains(d.getFileName().toString()) || gitignore.ignored(d, true))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                gitignore.push(d);
                listing.put(d, new HashSet<>());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) {
                gitignore.pop(d);
                Set<String> names = listing.remove(d);
                if (e == null && names != null) {
                    listed.put(d.toAbsolutePath().normalize(), names);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                String name = f.getFileName().toString();
                if ((attrs.isRegularFile() || attrs.isSymbolicLink()) && LintCommand.probedName(name)) {
                    Set<String> names = listing.get(f.getParent());
                    if (names != null) {
                        names.add(name);
                    }
                }
                if (attrs.isRegularFile() && (LintCommand.isDockerfileName(name) || ComposeFile.isComposeFileName(name))
                        && !gitignore.ignored(f, false)) {
                    found.add(f);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                listing.remove(f.getParent());
                return FileVisitResult.CONTINUE;
            }
        });
        return List.copyOf(found);
    }

    private static final List<String> FILE_NAMES = List.of("Dockerfile", "Containerfile", "api.Dockerfile",
            "Dockerfile.dev", "Dockerfile.java", "compose.yaml", "docker-compose.yml", ".dockerignore",
            "Dockerfile.dockerignore", ".lading.yaml", ".hadolint.yaml", "README.md", "x.tmp.Dockerfile",
            "caf\u00e9.Dockerfile", "what?.Dockerfile", "\u6f22\u5b57");
    private static final List<String> DIR_NAMES = List.of("svc", "node_modules", "target", ".git", "generated",
            "build", "caf\u00e9", "a?b", "deep");
    private static final List<String> IGNORES = List.of("generated/\n", "*.tmp.Dockerfile\n", "Dockerfile\n!svc/\n",
            "build\n", "# nothing\n", "/api.Dockerfile\n");

    private static void fill(Path dir, Random r, int depth) throws IOException {
        int files = r.nextInt(5);
        for (int i = 0; i < files; i++) {
            Path f = dir.resolve(FILE_NAMES.get(r.nextInt(FILE_NAMES.size())));
            if (!Files.exists(f)) {
                Files.writeString(f, "FROM scratch\n");
            }
        }
        if (r.nextInt(4) == 0) {
            Files.writeString(dir.resolve(".gitignore"), IGNORES.get(r.nextInt(IGNORES.size())));
        }
        if (r.nextInt(6) == 0) { // a link to a file and one to a directory: neither is followed
            Path target = dir.resolve("real.Dockerfile");
            Files.writeString(target, "FROM scratch\n");
            Files.createSymbolicLink(dir.resolve(r.nextBoolean() ? "linked.Dockerfile" : ".dockerignore.link"), target.getFileName());
            Files.createSymbolicLink(dir.resolve("up"), Path.of(".."));
        }
        if (r.nextInt(8) == 0) { // a link whose target does not exist
            Files.createSymbolicLink(dir.resolve(".lading.yml"), Path.of("missing"));
        }
        if (depth < 4) {
            int dirs = r.nextInt(4);
            for (int i = 0; i < dirs; i++) {
                Path d = dir.resolve(DIR_NAMES.get(r.nextInt(DIR_NAMES.size())));
                if (!Files.exists(d)) {
                    fill(Files.createDirectory(d), r, depth + 1);
                }
            }
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, 60).map(i -> i * 0x9E3779B97F4A7C15L);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void findsAndListsWhatWalkFileTreeDid(long seed) throws Exception {
        Path root = Files.createTempDirectory("lading-discovery-");
        try {
            Random r = new Random(seed);
            if (r.nextBoolean()) {
                Files.createDirectory(root.resolve(".git")); // a repository root: its .gitignore files count
            }
            fill(root, r, 0);
            for (Path start : List.of(root, root.resolve("svc"), root.resolve("."))) {
                if (!Files.isDirectory(start)) {
                    continue;
                }
                Map<Path, Set<String>> expectedListed = new HashMap<>();
                List<Path> expected = reference(start, expectedListed);
                Map<Path, Set<String>> listed = new HashMap<>();
                assertThat(Discovery.discover(start, listed)).as("seed %d from %s", seed, start).isEqualTo(expected);
                assertThat(listed).as("seed %d from %s", seed, start).isEqualTo(expectedListed);
                // the same walk shared by three threads, as the command's thread joins the walk-ahead
                Discovery.Walk shared = Discovery.Walk.of(start);
                List<Thread> helpers = new java.util.ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    Thread h = new Thread(shared::work);
                    helpers.add(h);
                    h.start();
                }
                shared.work();
                Map<Path, Set<String>> sharedListed = new HashMap<>();
                List<Path> sharedFound = shared.finish(sharedListed);
                for (Thread h : helpers) {
                    h.join();
                }
                assertThat(sharedFound).as("shared, seed %d from %s", seed, start).isEqualTo(expected);
                assertThat(sharedListed).as("shared, seed %d from %s", seed, start).isEqualTo(expectedListed);
            }
        } finally {
            dev.lading.oci.FileTrees.delete(root);
        }
    }

    @Test
    void aNameThatIsNotValidInThePlatformEncodingIsStillFound(@TempDir Path dir) throws Exception {
        // a directory whose name is not UTF-8: java.io would hand back a lossy name, so that directory is listed
        // by NIO, which keeps the bytes
        Process mk = new ProcessBuilder("sh", "-c", "mkdir \"$1/$(printf 'x\\377y')\" && echo 'FROM scratch' > \"$1/$(printf 'x\\377y')/Dockerfile\"",
                "sh", dir.toString()).redirectErrorStream(true).start();
        assertThat(mk.waitFor()).as(new String(mk.getInputStream().readAllBytes())).isZero();
        Map<Path, Set<String>> expectedListed = new HashMap<>();
        List<Path> expected = reference(dir, expectedListed);
        assertThat(expected).hasSize(1); // NIO keeps the name's bytes: the Dockerfile under it is there
        Map<Path, Set<String>> listed = new HashMap<>();
        assertThat(Discovery.discover(dir, listed)).isEqualTo(expected);
        assertThat(listed).isEqualTo(expectedListed);
        Files.createDirectories(dir.resolve("plain"));
        Files.writeString(dir.resolve("plain/Dockerfile"), "FROM scratch\n");
        assertThat(Discovery.discover(dir, new HashMap<>())).contains(dir.resolve("plain/Dockerfile"));
    }

    @Test
    void aRootThatIsAFileOrMissingIsLookedAtAsBefore(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
        assertThat(Discovery.discover(df, new HashMap<>())).isEqualTo(reference(df, new HashMap<>())).containsExactly(df);
        Path missing = dir.resolve("missing");
        assertThat(Discovery.discover(missing, new HashMap<>())).isEqualTo(reference(missing, new HashMap<>())).isEmpty();
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir);
        assertThat(Discovery.discover(link, new HashMap<>())).isEqualTo(reference(link, new HashMap<>()));
    }
}
