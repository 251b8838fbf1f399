package dev.lading.lint.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** The SPDX license identifiers, read once from the list shipped as a resource. */
final class SpdxLicenses {
    private SpdxLicenses() {
    }

    // a holder class: the list is read the first time a Dockerfile uses an spdx label type, never otherwise
    private static final class Ids {
        static final Set<String> ALL = load();
    }

    static boolean isLicenseId(String v) {
        return Ids.ALL.contains(v);
    }

    private static Set<String> load() {
        Set<String> ids = new HashSet<>();
        try (InputStream in = SpdxLicenses.class.getResourceAsStream("spdx-license-ids.txt")) {
            if (in == null) {
                throw new IllegalStateException("spdx-license-ids.txt is missing from the lading-lint jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    ids.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(ids);
    }
}
