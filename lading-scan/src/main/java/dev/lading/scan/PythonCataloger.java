package dev.lading.scan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Installed Python distributions: {@code *.dist-info/METADATA} (pip, wheels), {@code *.egg-info/PKG-INFO}
 * and single-file {@code *.egg-info} (setuptools). Both are RFC 822 headers followed by a body; only the
 * headers are read. Licenses: {@code License-Expression} (core metadata 2.4), else a one-line
 * {@code License}, else the {@code License ::} trove classifiers.
 */
public final class PythonCataloger implements Cataloger {
    private static final long LIMIT = 4L << 20;
    private static final String CLASSIFIER = "License :: ";

    @Override
    public String name() {
        return "python";
    }

    @Override
    public long keepLimit(String path) {
        return isMetadata(path) ? LIMIT : 0;
    }

    static boolean isMetadata(String path) {
        return path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO") || path.endsWith(".egg-info");
    }

    @Override
    public List<Package> catalog(CatalogContext context) {
        List<Package> out = new ArrayList<>();
        context.files().kept(PythonCataloger::isMetadata).forEach(f -> {
            String name = null;
            String version = null;
            String expression = null;
            String license = null;
            Set<String> classifiers = new LinkedHashSet<>();
            String last = null;
            for (String raw : f.text().split("\n")) {
                String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
                if (line.isEmpty()) {
                    break; // the body (long description) starts here
                }
                if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                    if ("license".equals(last)) {
                        license = null; // a multi-line License is the whole text, not a name
                    }
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).strip();
                switch (last) {
                    case "name" -> name = name == null ? value : name;
                    case "version" -> version = version == null ? value : version;
                    case "license-expression" -> expression = value;
                    case "license" -> license = value.isEmpty() || value.equalsIgnoreCase("UNKNOWN") || value.length() > 100 ? null : value;
                    case "classifier" -> {
                        if (value.startsWith(CLASSIFIER)) {
                            String[] parts = value.split("\\s*::\\s*");
                            classifiers.add(parts[parts.length - 1]);
                        }
                    }
                    default -> {
                    }
                }
            }
            if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
                context.warn(f.path() + ": no Name or Version header; skipped");
                return;
            }
            List<String> licenses = expression != null ? List.of(expression)
                    : license != null ? List.of(license) : List.copyOf(classifiers);
            try {
                out.add(new Package(Ecosystem.PYPI, name, version, Purls.pypi(name, version), licenses, null, null, f.layer(), f.path()));
            } catch (IllegalArgumentException e) {
                context.warn(f.path() + ": " + e.getMessage() + "; skipped");
            }
        });
        return out;
    }
}
