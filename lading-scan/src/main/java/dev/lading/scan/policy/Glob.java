package dev.lading.scan.policy;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A path glob as allow-lists write them: {@code *} and {@code ?} stay within one path segment, {@code **}
 * crosses segments. Matched against the whole absolute path; not the platform's PathMatcher, so a config
 * means the same on every host.
 */
public record Glob(String glob, Pattern pattern) {

    public Glob {
        Objects.requireNonNull(glob, "glob");
        Objects.requireNonNull(pattern, "pattern");
    }

    public static Glob of(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    i++;
                    // "/**/" also matches "/": a/**/b covers a/b
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                        i++;
                        re.append("(?:.*/)?");
                    } else {
                        re.append(".*");
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(glob, Pattern.compile(re.toString()));
    }

    public boolean matches(String path) {
        return pattern.matcher(path).matches();
    }

    public static boolean anyMatches(List<Glob> globs, String path) {
        for (Glob g : globs) {
            if (g.matches(path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return glob;
    }
}
