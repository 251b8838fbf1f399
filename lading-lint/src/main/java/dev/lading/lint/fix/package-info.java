/**
 * {@code lading lint --fix}: mechanical fixes for findings whose remedy is one safe edit.
 *
 * <p>{@link dev.lading.lint.fix.Fixer} lints the file, asks each fix kind for {@link dev.lading.lint.fix.Change}s
 * (text edits computed from the parsed Dockerfile, placed at the source positions the parser kept), applies
 * the ones that do not overlap to the original text in one pass, and repeats until nothing more changes.
 * Bytes no edit touches (comments, continuation lines, indentation, CRLF, an escape directive) stay as they
 * were. A fix acts only where its rule reported a finding and only where the edit keeps the meaning; anything
 * else is left alone and keeps its finding.
 *
 * <p>Pinning FROM lines needs a {@link dev.lading.lint.fix.DigestResolver}, which the caller backs with a
 * registry client: the linter itself never opens a connection.
 */
package dev.lading.lint.fix;
