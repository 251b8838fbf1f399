package dev.lading.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * {@code ADD [--chown] [--chmod] [--link] [--exclude]… [--checksum] [--keep-git-dir] [--unpack] src… dest}.
 *
 * @param sources    source words as written; a heredoc word names one of {@code heredocs}
 * @param json       true when the arguments were a JSON array
 * @param unpack     the {@code --unpack} setting when given (BuildKit's default depends on the source)
 */
public record Add(InstructionSource source, List<String> sources, String destination, List<Heredoc> heredocs,
                  boolean json, Optional<String> chown, Optional<String> chmod, boolean link,
                  List<String> excludes, Optional<String> checksum, boolean keepGitDir, Optional<Boolean> unpack)
        implements Instruction {
    @Override
    public InstructionKind kind() {
        return InstructionKind.ADD;
    }
}
