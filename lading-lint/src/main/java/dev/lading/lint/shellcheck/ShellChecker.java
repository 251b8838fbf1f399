package dev.lading.lint.shellcheck;

import java.util.List;

/**
 * Runs ShellCheck over RUN scripts. One call checks every script of a Dockerfile, so an implementation that
 * starts a process starts one per file, not one per RUN.
 */
public interface ShellChecker {

    /**
     * @param scripts complete scripts, each starting with its {@code #!} line (which tells ShellCheck the dialect)
     * @return what ShellCheck said, each comment naming the index of its script in {@code scripts}
     * @throws ShellCheckException when ShellCheck could not be run or its output not read
     */
    List<Comment> check(List<String> scripts) throws ShellCheckException;

    /**
     * One ShellCheck comment, positions 1-based within its script (tabs count as one column, as json1 does).
     *
     * @param level ShellCheck's level: {@code error}, {@code warning}, {@code info} or {@code style}
     * @param code  the number of the check, e.g. 2086 for SC2086
     */
    record Comment(int script, int line, int column, int endLine, int endColumn, String level, int code,
                   String message) {
    }
}
