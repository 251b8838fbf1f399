package dev.lading.dockerfile;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The instruction keywords of the Dockerfile 1.x syntax. */
public enum InstructionKind {
    ADD, ARG, CMD, COPY, ENTRYPOINT, ENV, EXPOSE, FROM, HEALTHCHECK, LABEL, MAINTAINER, ONBUILD, RUN, SHELL,
    STOPSIGNAL, USER, VOLUME, WORKDIR;

    /** The keyword as written in canonical (upper-case) form. */
    public String keyword() {
        return name();
    }

    /** Each kind by keyword: looked up for every instruction, so not a scan of a fresh {@code values()} copy. */
    private static final Map<String, Optional<InstructionKind>> BY_KEYWORD = byKeyword();

    private static Map<String, Optional<InstructionKind>> byKeyword() {
        Map<String, Optional<InstructionKind>> m = new HashMap<>();
        for (InstructionKind k : values()) {
            m.put(k.name(), Optional.of(k));
        }
        return Map.copyOf(m);
    }

    /** Keywords are case-insensitive, as in BuildKit. */
    public static Optional<InstructionKind> lookup(String word) {
        return BY_KEYWORD.getOrDefault(word.toUpperCase(Locale.ROOT), Optional.empty());
    }
}
