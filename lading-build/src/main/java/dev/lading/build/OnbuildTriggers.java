package dev.lading.build;

import dev.lading.dockerfile.Onbuild;
import dev.lading.dockerfile.Stage;
import dev.lading.oci.ImageConfig;

import java.util.List;

/**
 * ONBUILD across stages of one Dockerfile, as BuildKit's dockerfile2llb does it (moby/buildkit#5486, #5490):
 * a stage {@code FROM} an earlier stage runs the ONBUILD instructions written in that stage, first, as if the
 * earlier stage had been built into an image and used as a base. Only the parent's own instructions count: the
 * triggers the parent inherited from its base ran in the parent and are cleared (BuildKit's dispatchState.init sets
 * the cloned image's OnBuild to nil), so a grandchild runs nothing (moby/buildkit#5578).
 */
final class OnbuildTriggers {

    private OnbuildTriggers() {
    }

    /** The trigger texts the ONBUILD instructions of {@code parent} declare, in order. */
    static List<String> ofStage(Stage parent) {
        return parent.instructions().stream()
                .filter(Onbuild.class::isInstance)
                .map(i -> ((Onbuild) i).expression())
                .toList();
    }

    /** The config a child stage starts from: the parent's, without ONBUILD triggers. */
    static ImageConfig cleared(ImageConfig parent) {
        ImageConfig.Config c = parent.config();
        return c != null && c.onBuild() != null ? parent.withConfig(c.withOnBuild(null)) : parent;
    }
}
