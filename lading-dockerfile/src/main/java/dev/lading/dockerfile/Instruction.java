package dev.lading.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * One Dockerfile instruction. The set is closed: one record per keyword, so a {@code switch} over an
 * {@code Instruction} is checked for completeness by the compiler.
 */
public sealed interface Instruction
        permits Add, Arg, Cmd, Copy, Entrypoint, Env, Expose, From, Healthcheck, Label, Maintainer, Onbuild, Run,
        Shell, StopSignal, User, Volume, Workdir {

    InstructionSource source();

    InstructionKind kind();

    default SourceRange range() {
        return source().range();
    }

    default String original() {
        return source().original();
    }

    default List<Flag> flags() {
        return source().flags();
    }

    default List<Comment> comments() {
        return source().comments();
    }

    /** The last occurrence of a flag (BuildKit rejects duplicates except for repeatable flags). */
    default Optional<Flag> flag(String name) {
        Flag found = null;
        for (Flag f : flags()) {
            if (f.name().equals(name)) {
                found = f;
            }
        }
        return Optional.ofNullable(found);
    }
}
