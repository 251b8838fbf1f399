package dev.lading.build;

import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.Owner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ContextPrefetchTest {

    @TempDir
    Path context;

    private void tree() throws Exception {
        for (int d = 0; d < 6; d++) {
            for (int e = 0; e < 3; e++) {
                Path dir = Files.createDirectories(context.resolve("src/d" + d + "/e" + e));
                for (int f = 0; f < 4; f++) {
                    Files.writeString(dir.resolve("f" + f + ".txt"), d + "/" + e + "/" + f);
                }
            }
        }
        Files.createDirectories(context.resolve("src/node_modules/pkg"));
        Files.writeString(context.resolve("src/node_modules/pkg/index.js"), "x");
        Files.createDirectories(context.resolve("src/logs"));
        Files.writeString(context.resolve("src/logs/keep.log"), "kept by an exception");
        Files.writeString(context.resolve("src/logs/drop.log"), "ignored");
        Files.createSymbolicLink(context.resolve("src/link"), Path.of("d0"));
        Files.writeString(context.resolve("top.txt"), "top");
    }

    private static final DockerIgnore IGNORE = parse();

    private static DockerIgnore parse() {
        try {
            return DockerIgnore.parse(".dockerignore", "src/node_modules\nsrc/logs\n!src/logs/keep.log\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<LayerEntry> copy(ContextPrefetch prefetch, String... sources) throws Exception {
        CopySources.Tree tree = new CopySources.Tree(context, IGNORE, p -> Owner.ROOT, "the build context", prefetch);
        return CopySources.entries(tree, new CopySources.Spec(List.of(sources), "/app/", Optional.empty(), Optional.empty()));
    }

    @Test
    void aWalkOverListingsTakenAheadGivesTheEntriesOfItsOwnListing() throws Exception {
        tree();
        List<LayerEntry> expected = copy(null, "src", "top.txt");
        assertThat(expected).extracting(LayerEntry::path).contains("app/d5/e2/f3.txt", "app/logs/keep.log", "app/link")
                .doesNotContain("app/node_modules/pkg/index.js", "app/logs/drop.log");

        ContextPrefetch done = ContextPrefetch.start(context, IGNORE, List.of("src", "top.txt"));
        done.awaitDone();
        assertThat(copy(done, "src", "top.txt")).isEqualTo(expected);

        // racing the listing thread: every directory comes from one side or the other, never from both or neither
        for (int i = 0; i < 20; i++) {
            ContextPrefetch racing = ContextPrefetch.start(context, IGNORE, List.of("src"));
            assertThat(copy(racing, "src", "top.txt")).isEqualTo(expected);
            racing.stop();
        }
    }

    @Test
    void aListingServesOneWalkAndIgnoredDirectoriesAreNotListed() throws Exception {
        tree();
        ContextPrefetch p = ContextPrefetch.start(context, IGNORE, List.of("src", "missing", "top.txt"));
        p.awaitDone();
        assertThat(p.take(context.resolve("src/d1"))).extracting(CopySources.Listed::name).containsExactly("e0", "e1", "e2");
        assertThat(p.take(context.resolve("src/d1"))).as("taken once").isNull();
        // a path spelled differently is the same directory
        assertThat(p.take(context.resolve("src/./d2/../d3"))).extracting(CopySources.Listed::name).containsExactly("e0", "e1", "e2");
        // .dockerignore lets a walk skip node_modules entirely; logs has an exception inside, so it is listed
        assertThat(p.take(context.resolve("src/node_modules"))).isNull();
        assertThat(p.take(context.resolve("src/logs"))).extracting(CopySources.Listed::name).containsExactly("drop.log", "keep.log");
        // a link to a directory is not followed; a file or a missing source is nothing to list
        assertThat(p.take(context.resolve("src/link"))).isNull();
        assertThat(p.take(context.resolve("top.txt"))).isNull();
        assertThat(p.take(context.resolve("missing"))).isNull();
    }

    @Test
    void aDirectoryTheWalkClaimedFirstIsLeftToIt() throws Exception {
        tree();
        ContextPrefetch idle = ContextPrefetch.start(context, IGNORE, List.of());
        idle.awaitDone();
        assertThat(idle.take(context.resolve("src"))).as("nobody listed it: the caller does").isNull();
        assertThat(copy(idle, "src")).isEqualTo(copy(null, "src"));
    }
}
