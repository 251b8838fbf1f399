package dev.lading.lint.fix;

import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.Instruction;
import dev.lading.lint.Finding;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a fix looks at: the text, the Dockerfile parsed from it, the findings the linter reported on it,
 * where the file is, and (for pinning) a digest resolver.
 */
final class FixContext {
    private final SourceText text;
    private final Dockerfile dockerfile;
    private final List<Finding> findings;
    private final Optional<DigestResolver> resolver;
    private final Consumer<String> notes;

    FixContext(String text, Dockerfile dockerfile, List<Finding> findings, Optional<DigestResolver> resolver,
               Consumer<String> notes) {
        this.text = new SourceText(text);
        this.dockerfile = dockerfile;
        this.findings = List.copyOf(findings);
        this.resolver = resolver;
        this.notes = notes;
    }

    SourceText source() {
        return text;
    }

    Dockerfile dockerfile() {
        return dockerfile;
    }

    Optional<DigestResolver> resolver() {
        return resolver;
    }

    /** Tells the user something about a fix not made (a registry error): printed once per file. */
    void note(String message) {
        notes.accept(message);
    }

    /** Whether one of the rules {@code ids} reported a finding within the instruction's lines. */
    boolean flagged(Instruction at, Set<String> ids) {
        int from = at.range().start().line();
        int to = at.range().end().line();
        return findings.stream().anyMatch(f -> f.line() >= from && f.line() <= to && f.ids().stream().anyMatch(ids::contains));
    }

    /** Whether one of the rules {@code ids} reported a finding on {@code line}. */
    boolean flagged(int line, Set<String> ids) {
        return findings.stream().anyMatch(f -> f.line() == line && f.ids().stream().anyMatch(ids::contains));
    }

    Optional<InstructionText> text(Instruction at) {
        return InstructionText.of(text, at, dockerfile.escape());
    }
}
