package dev.lading.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * {@code COPY [--from] [--chown] [--chmod] [--link] [--parents] [--exclude]… src… dest}.
 *
 * @param sources     source words as written; a word that is a heredoc ({@code <<EOF}) names one of {@code heredocs}
 * @param json        true when the arguments were a JSON array
 * @param excludes    every {@code --exclude} value, in order
 */
public record Copy(InstructionSource source, List<String> sources, String destination, List<Heredoc> heredocs,
                   boolean json, Optional<String> from, Optional<String> chown, Optional<String> chmod,
                   boolean link, boolean parents, List<String> excludes) implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.COPY;
    }
}
