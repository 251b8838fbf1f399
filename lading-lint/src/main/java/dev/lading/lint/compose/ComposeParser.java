package dev.lading.lint.compose;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.lading.dockerfile.SourceRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a compose file with Jackson's streaming YAML parser into {@link YamlNode}s that keep every key's line
 * and column. Jackson reports aliases as strings and merge keys as ordinary keys; this parser resolves both as
 * YAML does (an alias is the anchored node; {@code <<: *a} or {@code <<: [*a, *b]} adds the entries the
 * mapping does not set itself, earlier sources first). Only the first YAML document is read, as compose does.
 *
 * <p>Limitation: Jackson does not report an anchor set on a scalar value ({@code image: &img nginx:1}), so an
 * alias of one ({@code image: *img}) is an unresolved value that rules do not judge, as they do not judge
 * {@code ${VAR}}. Anchors on mappings and lists, which is how compose files share settings, are resolved.
 */
public final class ComposeParser {
    private static final YAMLFactory YAML = new YAMLFactory();

    private final YAMLParser parser;
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private final Map<Integer, Integer> spans = new HashMap<>();
    private int lastLine = 1;

    private ComposeParser(YAMLParser parser) {
        this.parser = parser;
    }

    public static ComposeFile parse(String text) throws ComposeParseException {
        try (YAMLParser p = (YAMLParser) YAML.createParser(text)) {
            ComposeParser cp = new ComposeParser(p);
            JsonToken first = p.nextToken();
            if (first == null) {
                return new ComposeFile(new YamlNode.Mapping(SourceRange.of(1, 1, 1, 1), List.of()), List.of(), Map.of());
            }
            YamlNode root = cp.value(first);
            if (root instanceof YamlNode.Scalar s && s.isNull()) {
                return new ComposeFile(new YamlNode.Mapping(s.range(), List.of()), List.of(), Map.of());
            }
            if (!(root instanceof YamlNode.Mapping map)) {
                throw new ComposeParseException("not a compose file: the top level is not a mapping of keys "
                        + "(services, volumes, …)", root.range().start().line(), root.range().start().column());
            }
            List<ComposeFile.Service> services = new ArrayList<>();
            YamlNode.Entry entry = map.entry("services").orElse(null);
            if (entry != null && entry.value() instanceof YamlNode.Mapping svcs) {
                Map<String, YamlNode.Mapping> bodies = new HashMap<>();
                svcs.entries().stream().filter(e -> e.value() instanceof YamlNode.Mapping)
                        .forEach(e -> bodies.put(e.key(), (YamlNode.Mapping) e.value()));
                for (YamlNode.Entry e : svcs.entries()) {
                    if (e.value() instanceof YamlNode.Mapping) {
                        services.add(extended(e.key(), e.keyRange(), bodies, new java.util.HashSet<>()));
                    }
                }
            } else if (entry != null && !(entry.value() instanceof YamlNode.Scalar s && s.isNull())) {
                throw new ComposeParseException("services: is not a mapping of service names to settings",
                        entry.keyRange().start().line(), entry.keyRange().start().column());
            }
            return new ComposeFile(map, services, cp.spans);
        } catch (StreamReadException e) {
            throw fromJackson(e);
        } catch (IOException e) {
            throw new ComposeParseException("cannot read the YAML: " + firstLine(e.getMessage()), 1, 1);
        }
    }

    /**
     * The service with what it {@code extends} from a service of this file beneath its own settings. Compose
     * merges some lists (ports, cap_add) where this lets the service's own value win; for the RT rules, which
     * ask whether a setting is there and what it says, that is close enough, and it never invents a setting.
     */
    private static ComposeFile.Service extended(String name, SourceRange keyRange, Map<String, YamlNode.Mapping> bodies,
                                                Set<String> seen) {
        YamlNode.Mapping body = bodies.get(name);
        YamlNode ext = body.get("extends").orElse(null);
        if (ext == null) {
            return new ComposeFile.Service(name, keyRange, body, false);
        }
        String base = null;
        if (ext instanceof YamlNode.Scalar s && !s.isNull()) {
            base = s.text();
        } else if (ext instanceof YamlNode.Mapping m && m.get("file").isEmpty()) {
            base = m.scalar("service").map(YamlNode.Scalar::text).orElse(null);
        }
        seen.add(name);
        if (base == null || !bodies.containsKey(base) || seen.contains(base)) {
            return new ComposeFile.Service(name, keyRange, body, true); // another file, or a base not known here
        }
        ComposeFile.Service parent = extended(base, keyRange, bodies, seen);
        List<YamlNode.Entry> entries = new ArrayList<>(body.entries());
        for (YamlNode.Entry e : parent.body().entries()) {
            if (body.entry(e.key()).isEmpty()) {
                entries.add(e);
            }
        }
        return new ComposeFile.Service(name, keyRange, new YamlNode.Mapping(body.range(), entries), parent.partial());
    }

    /** SnakeYAML's mark is the exact place of the problem; Jackson's location is where it stopped reading. */
    private static ComposeParseException fromJackson(StreamReadException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            Mark mark = m.getProblemMark();
            String problem = m.getProblem() == null ? firstLine(m.getMessage()) : m.getProblem();
            // the context mark is where the unfinished thing began (an open quote, a key without ':'), which is
            // usually what to fix, while the problem mark is where the parser gave up (often the end of the file)
            Mark begun = m.getContextMark();
            String context = m.getContext() == null ? "" : " (" + m.getContext()
                    + (begun == null ? "" : " that starts at " + (begun.getLine() + 1) + ":" + (begun.getColumn() + 1)) + ")";
            return new ComposeParseException("invalid YAML: " + problem + context, mark.getLine() + 1, mark.getColumn() + 1);
        }
        JsonLocation at = e.getLocation();
        return new ComposeParseException("invalid YAML: " + firstLine(e.getOriginalMessage()),
                at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr());
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").trim();
    }

    private SourceRange here() {
        JsonLocation l = parser.currentTokenLocation();
        lastLine = Math.max(lastLine, l.getLineNr());
        return SourceRange.of(l.getLineNr(), l.getColumnNr(), l.getLineNr(), l.getColumnNr());
    }

    /** The node starting at the current token {@code t}. */
    private YamlNode value(JsonToken t) throws IOException, ComposeParseException {
        SourceRange at = here();
        Object anchor = parser.getObjectId();
        if (parser.isCurrentAlias()) {
            // Jackson reports anchors on mappings and lists but not on scalar values: an alias it cannot resolve
            // is most likely one of those, so its value is unknown rather than the file invalid
            YamlNode target = anchors.get(parser.getText());
            return target != null ? target : new YamlNode.Scalar(at, parser.getText(), false, true);
        }
        YamlNode node = switch (t) {
            case START_OBJECT -> mapping(at);
            case START_ARRAY -> sequence(at);
            case VALUE_NULL -> new YamlNode.Scalar(at, "", true);
            default -> new YamlNode.Scalar(at, parser.getText(), false);
        };
        if (anchor != null) {
            anchors.put(anchor.toString(), node);
        }
        return node;
    }

    private YamlNode.Mapping mapping(SourceRange at) throws IOException, ComposeParseException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        List<YamlNode.Mapping> merged = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourceRange k = here();
            SourceRange keyRange = SourceRange.of(k.start().line(), k.start().column(), k.start().line(),
                    k.start().column() + key.length());
            YamlNode v = value(parser.nextToken());
            spans.merge(k.start().line(), lastLine, Math::max);
            if (key.equals("<<")) {
                // YAML's merge key: the mapping (or each mapping of the list) supplies defaults
                if (v instanceof YamlNode.Mapping m) {
                    merged.add(m);
                } else if (v instanceof YamlNode.Sequence s) {
                    s.items().stream().filter(i -> i instanceof YamlNode.Mapping).forEach(i -> merged.add((YamlNode.Mapping) i));
                }
                continue;
            }
            keys.remove(key); // a repeated key: the last one counts, as in compose
            entries.removeIf(e -> e.key().equals(key));
            keys.add(key);
            entries.add(new YamlNode.Entry(key, keyRange, v));
        }
        if (t != JsonToken.END_OBJECT) {
            throw new ComposeParseException("invalid YAML: unexpected " + t + " in a mapping", at.start().line(),
                    at.start().column());
        }
        for (YamlNode.Mapping m : merged) {
            for (YamlNode.Entry e : m.entries()) {
                if (keys.add(e.key())) {
                    entries.add(e);
                }
            }
        }
        return new YamlNode.Mapping(at, entries);
    }

    private YamlNode.Sequence sequence(SourceRange at) throws IOException, ComposeParseException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new ComposeParseException("invalid YAML: unterminated list", at.start().line(), at.start().column());
            }
            items.add(value(t));
        }
        return new YamlNode.Sequence(at, items);
    }
}
