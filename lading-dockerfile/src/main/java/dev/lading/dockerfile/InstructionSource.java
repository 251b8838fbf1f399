package dev.lading.dockerfile;

import java.util.List;

/**
 * What every instruction keeps about where it came from.
 *
 * @param keyword  the instruction keyword exactly as written (e.g. {@code from}, {@code Run}); lint checks casing
 * @param range    from the keyword to the end of the instruction's last line (for heredocs, the delimiter line)
 * @param original the instruction text as BuildKit sees it: continuation lines joined (escape character
 *                 and line breaks removed, comment lines inside dropped); heredoc bodies are not included
 * @param flags    the builder flags in order, each with its own range
 * @param comments the comment lines directly before this instruction (since the previous one), in order
 */
public record InstructionSource(String keyword, SourceRange range, String original, List<Flag> flags,
                                List<Comment> comments) {
    public InstructionSource {
        flags = List.copyOf(flags);
        comments = List.copyOf(comments);
    }
}
