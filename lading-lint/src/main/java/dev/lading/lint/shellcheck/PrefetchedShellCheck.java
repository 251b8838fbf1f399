package dev.lading.lint.shellcheck;

import dev.lading.dockerfile.DockerfileParseException;
import dev.lading.dockerfile.DockerfileParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ShellCheck for many Dockerfiles at once: the RUN scripts of every file go to one {@code shellcheck} run (in
 * chunks, see {@link ShellCheckProcess}), and each file then gets a {@link ShellChecker} that answers from what
 * was found. Starting shellcheck costs far more than checking one more script, so a repository of Dockerfiles
 * costs one start, not one per file.
 *
 * <p>A file whose scripts turn out different when it is linted (changed in between) is checked on its own.
 */
public final class PrefetchedShellCheck {
    private PrefetchedShellCheck() {
    }

    public static Map<Path, ShellChecker> of(ShellChecker real, List<Path> files) {
        List<String> all = new ArrayList<>();
        Map<Path, int[]> spans = new HashMap<>();
        Map<Path, List<String>> scriptsOf = new HashMap<>();
        for (Path f : files) {
            try {
                String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                List<String> scripts = RunScripts.of(DockerfileParser.parse(f.toString(), text), text).stream()
                        .map(RunScripts.Script::script).toList();
                spans.put(f, new int[] {all.size(), all.size() + scripts.size()});
                scriptsOf.put(f, scripts);
                all.addAll(scripts);
            } catch (IOException | DockerfileParseException e) {
                // the linter reports unreadable and unparsable files itself; nothing to prefetch
            }
        }
        List<ShellChecker.Comment> comments;
        ShellCheckException failure = null;
        try {
            comments = real.check(all);
        } catch (ShellCheckException e) {
            comments = List.of();
            failure = e;
        }
        Map<Path, ShellChecker> out = new HashMap<>();
        for (Path f : files) {
            int[] span = spans.get(f);
            if (span == null) {
                out.put(f, real);
                continue;
            }
            List<ShellChecker.Comment> mine = new ArrayList<>();
            for (ShellChecker.Comment c : comments) {
                if (c.script() >= span[0] && c.script() < span[1]) {
                    mine.add(new ShellChecker.Comment(c.script() - span[0], c.line(), c.column(), c.endLine(),
                            c.endColumn(), c.level(), c.code(), c.message()));
                }
            }
            List<String> expected = scriptsOf.get(f);
            ShellCheckException failed = failure;
            List<ShellChecker.Comment> answer = List.copyOf(mine);
            out.put(f, scripts -> {
                if (!scripts.equals(expected)) {
                    return real.check(scripts);
                }
                if (failed != null) {
                    throw failed;
                }
                return answer;
            });
        }
        return out;
    }
}
