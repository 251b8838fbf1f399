package dev.lading.dockerfile.shell;

import java.util.List;
import java.util.Set;

/**
 * The outcome of processing one word.
 *
 * @param result    the word with quotes processed and variables substituted (BuildKit's ProcessWord)
 * @param words     the same split into words on unquoted white space (BuildKit's ProcessWords)
 * @param matched   variable names that were looked up and found
 * @param unmatched variable names that were looked up and not found
 */
public record ProcessResult(String result, List<String> words, Set<String> matched, Set<String> unmatched) {
    public ProcessResult {
        words = List.copyOf(words);
        matched = Set.copyOf(matched);
        unmatched = Set.copyOf(unmatched);
    }
}
