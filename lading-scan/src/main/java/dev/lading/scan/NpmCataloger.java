package dev.lading.scan;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * npm packages: the {@code package.json} at the root of each package directory under a
 * {@code node_modules} ({@code node_modules/NAME/package.json}, {@code node_modules/@SCOPE/NAME/package.json});
 * the package.json files deeper inside a package (build outputs, tests) are not packages.
 */
public final class NpmCataloger implements Cataloger {
    private static final long LIMIT = 1L << 20;
    private static final String MODULES = "/node_modules/";
    private final ObjectMapper json = JsonMapper.builder().build();

    @Override
    public String name() {
        return "npm";
    }

    @Override
    public long keepLimit(String path) {
        return isPackageRoot(path) ? LIMIT : 0;
    }

    static boolean isPackageRoot(String path) {
        if (!path.endsWith("/package.json")) {
            return false;
        }
        int at = path.lastIndexOf(MODULES);
        if (at < 0) {
            return false;
        }
        String rest = path.substring(at + MODULES.length(), path.length() - "/package.json".length());
        String[] parts = rest.split("/", -1);
        return parts.length == 1 ? !parts[0].isEmpty() && !parts[0].startsWith("@") && !parts[0].startsWith(".")
                : parts.length == 2 && parts[0].startsWith("@") && parts[0].length() > 1 && !parts[1].isEmpty();
    }

    @Override
    public List<Package> catalog(CatalogContext context) {
        List<Package> out = new ArrayList<>();
        context.files().kept(NpmCataloger::isPackageRoot).forEach(f -> {
            JsonNode root;
            try {
                root = json.readTree(f.text());
            } catch (JacksonException e) {
                context.warn(f.path() + ": not valid JSON (" + e.getOriginalMessage() + "); skipped");
                return;
            }
            String name = root == null ? null : text(root.get("name"));
            String version = root == null ? null : text(root.get("version"));
            if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
                context.warn(f.path() + ": no name or version; skipped");
                return;
            }
            try {
                out.add(new Package(Ecosystem.NPM, name, version, Purls.npm(name, version), licenses(root), null, null, f.layer(), f.path()));
            } catch (IllegalArgumentException e) {
                context.warn(f.path() + ": " + e.getMessage() + "; skipped");
            }
        });
        return out;
    }

    /** {@code "license": "MIT"}, the old {@code {"type": "MIT"}}, or the older {@code "licenses": [{"type": ...}]}. */
    private static List<String> licenses(JsonNode root) {
        List<String> out = new ArrayList<>();
        JsonNode license = root.get("license");
        if (license != null) {
            String s = license.isObject() ? text(license.get("type")) : text(license);
            if (s != null) {
                out.add(s);
            }
        }
        JsonNode list = root.get("licenses");
        if (list != null && list.isArray()) {
            for (JsonNode l : list) {
                String s = l.isObject() ? text(l.get("type")) : text(l);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.asText().strip() : null;
    }
}
