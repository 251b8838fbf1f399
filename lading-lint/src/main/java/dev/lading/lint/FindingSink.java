package dev.lading.lint;

import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.SourceRange;

/** Where a rule reports; the linter fills in rule ID, severity, file and doc link. */
public interface FindingSink {

    void report(SourceRange range, String message);

    default void report(Instruction at, String message) {
        report(at.range(), message);
    }
}
