package dev.lading.lint;

import java.util.Map;
import java.util.Optional;

/**
 * What a build learned about its base images' platforms, for checks that cannot be judged from the
 * Dockerfile alone (BuildKit's InvalidBaseImagePlatform). A plain {@code lading lint} has no network and
 * resolves no image, so it lints with {@link #UNKNOWN} and such checks stay silent.
 *
 * @param requested the platform the build is for ({@code os/arch[/variant]}), when known
 * @param pulled    per base image, as its FROM names it after ARG substitution, the platform of the image
 *                  that was actually resolved ({@code os/arch[/variant]})
 */
public record BaseImagePlatforms(Optional<String> requested, Map<String, String> pulled) {
    public static final BaseImagePlatforms UNKNOWN = new BaseImagePlatforms(Optional.empty(), Map.of());

    public BaseImagePlatforms {
        pulled = Map.copyOf(pulled);
    }
}
