package dev.lading.scan.secrets;

import java.util.List;

/**
 * The secrets of an image, files first (by layer, path, line), then the config (Env, Labels, history).
 * {@code allowed} counts what the config's allow-lists dropped; {@code notes} say what was not scanned (files
 * over the size cap, files that could not be read), sorted.
 */
public record SecretReport(List<SecretFinding> findings, int allowed, List<String> notes) {
    public SecretReport {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }
}
