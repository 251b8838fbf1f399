package dev.lading.lint.rules;

import dev.lading.lint.Rule;

/** A BuildKit build check, under its BuildKit name; its docs are on docs.docker.com. */
interface BuildKitCheck extends Rule {

    @Override
    default String docUrl() {
        return "https://docs.docker.com/reference/build-checks/" + id().replaceAll("([a-z])([A-Z])", "$1-$2")
                .toLowerCase(java.util.Locale.ROOT) + "/";
    }
}
