package dev.lading.dockerfile;

import java.util.Locale;
import java.util.Optional;

/** The instruction keywords of the Dockerfile 1.x syntax. */
public enum InstructionKind {
    ADD, ARG, CMD, COPY, ENTRYPOINT, ENV, EXPOSE, FROM, HEALTHCHECK, LABEL, MAINTAINER, ONBUILD, RUN, SHELL,
    STOPSIGNAL, USER, VOLUME, WORKDIR;

    /** The keyword as written in canonical (upper-case) form. */
    public String keyword() {
        return name();
    }

    /** Keywords are case-insensitive, as in BuildKit. */
    public static Optional<InstructionKind> lookup(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        for (InstructionKind k : values()) {
            if (k.name().equals(upper)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
