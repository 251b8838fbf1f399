package dev.lading.lint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The rule pages of {@code docs/rules}, packaged with the linter so {@code lading lint --explain ID} works
 * without the repository: the same Markdown text users read on GitHub.
 */
public final class RuleDocs {
    private RuleDocs() {
    }

    /** The page for {@code id} ({@code LD004}, {@code DL3008}, {@code JSONArgsRecommended}, {@code SC2086}). */
    public static Optional<String> page(String id) {
        String name = id.trim();
        if (!name.matches("[A-Za-z0-9]+")) {
            return Optional.empty();
        }
        // every ShellCheck code shares one page about the integration; the code itself is ShellCheck's
        if (name.matches("(?i)SC[0-9]+")) {
            name = "SC";
        }
        try (InputStream in = RuleDocs.class.getResourceAsStream("docs/" + name + ".md")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
