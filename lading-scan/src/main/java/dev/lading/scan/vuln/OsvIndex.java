package dev.lading.scan.vuln;

import java.util.List;
import java.util.Locale;

/**
 * Vulnerability records looked up by the package they affect: (ecosystem without release, name). Both an
 * imported database ({@link VulnerabilityDatabase}) and records read straight from OSV files
 * ({@link MemoryOsvIndex}) answer it.
 */
public interface OsvIndex {

    /**
     * The records with an {@code affected[]} entry for {@code name} in ecosystem {@code ecosystemBase} (any
     * release: the matcher picks the release), one per id (the newest {@code modified} when sources overlap),
     * sorted by id. Names are compared {@link #normalizeName normalized}.
     */
    List<OsvRecord> records(String ecosystemBase, String name) throws java.io.IOException;

    /**
     * A package name as the index keys it: PyPI names per PEP 503 (lowercase, runs of {@code -_.} as one
     * {@code -}), others as written (npm, Maven, Go and distro names are case-sensitive or already lowercase).
     */
    static String normalizeName(String ecosystemBase, String name) {
        if (ecosystemBase.equals("PyPI")) {
            return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
        }
        return name;
    }
}
