package dev.lading.lint.rules;

import dev.lading.lint.Rule;

/** A BuildKit build check, under its BuildKit name; its docs are on docs.docker.com. */
interface BuildKitCheck extends Rule {
    /** Holds the pattern: an interface's constants are public, this one need not be. */
    final class Words {
        private Words() {
        }

        static final java.util.regex.Pattern CAMEL_BOUNDARY = java.util.regex.Pattern.compile("([a-z])([A-Z])");
    }

    @Override
    default String docUrl() {
        return "https://docs.docker.com/reference/build-checks/" + Words.CAMEL_BOUNDARY.matcher(id()).replaceAll("$1-$2")
                .toLowerCase(java.util.Locale.ROOT) + "/";
    }
}
