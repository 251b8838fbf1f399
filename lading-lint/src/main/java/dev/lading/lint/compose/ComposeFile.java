package dev.lading.lint.compose;

import dev.lading.dockerfile.SourceRange;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed compose file: its top-level mapping and its services.
 *
 * @param root     the whole document
 * @param services each entry of {@code services:} whose value is a mapping, in file order
 * @param spans    line of a mapping key → last line of its value, so an ignore pragma before a key covers
 *                 everything under it
 */
public record ComposeFile(YamlNode.Mapping root, List<Service> services, Map<Integer, Integer> spans) {
    /** The names compose itself looks for, and the override and per-environment variants beside them. */
    private static final Pattern NAME = Pattern.compile("(docker-)?compose(\\.[^/\\\\]+)?\\.ya?ml");

    public ComposeFile {
        services = List.copyOf(services);
        spans = Map.copyOf(spans);
    }

    /**
     * One service: {@code name} as written under {@code services:}, {@code keyRange} the name's position,
     * {@code body} its settings (merge keys applied, and what it {@code extends} from a service of the same
     * file, beneath its own settings).
     *
     * @param partial true when some settings come from elsewhere ({@code extends} with {@code file:}, or a
     *                base service that is not in this file): a setting missing here may be set there, so rules
     *                report only what is written, never what is absent
     */
    public record Service(String name, SourceRange keyRange, YamlNode.Mapping body, boolean partial) {
    }

    /**
     * {@code compose.yaml}, {@code compose.yml}, {@code docker-compose.yaml}, {@code docker-compose.yml} and
     * their {@code .NAME.} variants ({@code compose.override.yaml}, {@code docker-compose.prod.yml}).
     */
    public static boolean isComposeFileName(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    /** The last line of what the key on {@code line} holds ({@code line} itself when no key starts there). */
    public int spanEnd(int line) {
        return spans.getOrDefault(line, line);
    }
}
