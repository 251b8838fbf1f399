package dev.lading.build;

import dev.lading.build.sandbox.Sandboxes;
import dev.lading.build.snapshot.CopyDiffSnapshotter;
import dev.lading.build.snapshot.Snapshotter;
import dev.lading.oci.layout.OciLayout;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static dev.lading.build.BuildTesting.build;
import static dev.lading.build.BuildTesting.lastLayer;
import static org.assertj.core.api.Assertions.assertThat;

/** ONBUILD RUN of an earlier stage runs in the sandbox of each stage built FROM it, once, as BuildKit runs it. */
@Tag("integration")
class OnbuildStageRunTest {

    @TempDir
    Path tmp;

    @Test
    void eachChildOfTheStageRunsItsTriggerButAGrandchildDoesNot() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs /bin/busybox: apt-get install busybox-static");
        Path context = Files.createDirectories(tmp.resolve("ctx"));
        OciLayout bases = OciLayout.createOrOpen(tmp.resolve("bases"));
        BuilderRunTest.storeBusybox(bases, tmp.resolve("rootfs"));
        BuildOptions options = BuildOptions.of(context)
                .withBaseImages(BaseImageResolver.copying(name -> bases.reader(name)))
                .withRun(new RunSupport() {
                    public Sandbox sandbox() throws IOException {
                        return Sandboxes.probe().choose(Optional.empty());
                    }

                    public Snapshotter snapshotter(Sandbox sandbox) {
                        return new CopyDiffSnapshotter();
                    }

                    public Path cacheMounts() {
                        return tmp.resolve("cache-mounts");
                    }
                });
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("out"));
        String df = """
                FROM busybox AS base
                ONBUILD RUN echo triggered >> /marker

                FROM base AS one
                RUN cat /marker > /one

                FROM base AS two
                RUN cat /marker > /two

                FROM one AS grandchild
                RUN cat /marker > /count
                """;
        BuildResult r = build(layout, options, df);
        // The grandchild sees the marker its parent's trigger wrote once, and runs no trigger of its own.
        assertThat(lastLayer(layout, r)).containsEntry("count", "f 644 0:0 triggered\n");
        assertThat(r.config().config().onBuild()).isNullOrEmpty();
        var none = dev.lading.dockerfile.expand.BuildArgs.none();
        BuildResult sibling = build(layout, options, df, new dev.lading.dockerfile.expand.BuildArgs(none.values(),
                none.buildPlatform(), none.targetPlatform(), Optional.of("two")));
        assertThat(lastLayer(layout, sibling)).containsEntry("two", "f 644 0:0 triggered\n");
    }
}
