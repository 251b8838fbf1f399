package dev.lading.scan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The distribution an image is built on, from {@code /etc/os-release} (or {@code /usr/lib/os-release}).
 *
 * @param id        {@code ID}: debian, ubuntu, alpine, wolfi ...
 * @param versionId {@code VERSION_ID}: 12, 3.20.3; null on rolling releases (Debian sid, Arch)
 * @param codename  {@code VERSION_CODENAME}: bookworm; may be null
 * @param prettyName {@code PRETTY_NAME}, for people
 * @param idLike    {@code ID_LIKE}, split on spaces
 */
public record Distro(String id, String versionId, String codename, String prettyName, List<String> idLike) {

    public static final List<String> PATHS = List.of("/etc/os-release", "/usr/lib/os-release");

    public Distro {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an os-release without ID");
        }
        idLike = idLike == null ? List.of() : List.copyOf(idLike);
    }

    /** The first of {@link #PATHS} the image has, parsed; empty when there is none or it has no ID. */
    public static Optional<Distro> find(ImageFiles files) {
        for (String p : PATHS) {
            Optional<ImageFile> f = files.get(p).filter(ImageFile::hasContent);
            if (f.isPresent()) {
                return parse(f.get().text());
            }
        }
        return Optional.empty();
    }

    /** Parses os-release text (shell-style KEY=value lines, values optionally quoted); empty without an ID. */
    public static Optional<Distro> parse(String text) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
                continue;
            }
            v.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
        }
        String id = v.get("ID");
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String like = v.get("ID_LIKE");
        return Optional.of(new Distro(id.toLowerCase(java.util.Locale.ROOT), blankToNull(v.get("VERSION_ID")),
                blankToNull(v.get("VERSION_CODENAME")), blankToNull(v.get("PRETTY_NAME")),
                like == null || like.isBlank() ? List.of() : List.of(like.strip().split("\\s+"))));
    }

    /**
     * The PURL {@code distro} qualifier, as syft writes it: {@code debian-12}, {@code alpine-3.20.3}; the
     * codename stands in when there is no version; null when there is neither.
     */
    public String purlQualifier() {
        if (versionId != null) {
            return id + "-" + versionId;
        }
        return codename != null ? id + "-" + codename : null;
    }

    private static String unquote(String s) {
        s = s.strip();
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            s = s.substring(1, s.length() - 1);
            if (s.indexOf('\\') >= 0) {
                s = s.replaceAll("\\\\([\\\\$\"`])", "$1");
            }
        }
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
