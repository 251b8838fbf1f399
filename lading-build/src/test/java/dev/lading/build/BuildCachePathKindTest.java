package dev.lading.build;

import dev.lading.oci.Descriptor;
import dev.lading.oci.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The build cache remembers what a path is in a stage, by the stage's layer digests, across builds. */
class BuildCachePathKindTest {

    @TempDir
    Path dir;

    private static Descriptor layer(String content) {
        return Descriptor.of(MediaType.OCI_LAYER_GZIP, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPathKindIsRememberedForExactlyTheseLayersAndSurvivesASave() throws IOException {
        List<Descriptor> base = List.of(layer("a"));
        List<Descriptor> more = List.of(layer("a"), layer("b"));
        BuildCache cache = BuildCache.open(dir);
        assertThat(cache.pathKind(base, "app")).isEmpty();
        cache.rememberPathKind(base, "app", BuildCache.PathKind.DIRECTORY);
        cache.rememberPathKind(more, "app", BuildCache.PathKind.OTHER);
        cache.rememberPathKind(base, "nothing/here", BuildCache.PathKind.MISSING);
        cache.save();

        BuildCache again = BuildCache.open(dir);
        assertThat(again.pathKind(base, "app")).contains(BuildCache.PathKind.DIRECTORY);
        assertThat(again.pathKind(more, "app")).contains(BuildCache.PathKind.OTHER);
        assertThat(again.pathKind(base, "nothing/here")).contains(BuildCache.PathKind.MISSING);
        assertThat(again.pathKind(List.of(layer("b")), "app")).as("other layers, other answer").isEmpty();
        assertThat(again.pathKind(base, "app/")).isEmpty();
    }

    @Test
    void userAndGroupIdsAreRememberedByLayersFileAndName() throws IOException {
        List<Descriptor> base = List.of(layer("a"));
        BuildCache cache = BuildCache.open(dir);
        cache.rememberId(base, "etc/passwd", "app", 1000);
        cache.rememberId(base, "etc/group", "app", 2000);
        cache.save();
        BuildCache again = BuildCache.open(dir);
        assertThat(again.id(base, "etc/passwd", "app")).contains(1000L);
        assertThat(again.id(base, "etc/group", "app")).contains(2000L);
        assertThat(again.id(base, "etc/passwd", "other")).isEmpty();
        assertThat(again.id(List.of(layer("b")), "etc/passwd", "app")).isEmpty();
    }

    @Test
    void aDisabledCacheRemembersNothing() {
        BuildCache cache = BuildCache.disabled();
        cache.rememberPathKind(List.of(layer("a")), "app", BuildCache.PathKind.DIRECTORY);
        assertThat(cache.pathKind(List.of(layer("a")), "app")).isEmpty();
    }
}
