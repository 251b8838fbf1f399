package dev.lading.lint.compose;

import dev.lading.dockerfile.SourceRange;
import java.util.List;
import java.util.Optional;

/**
 * A YAML value with the position it was written at, so findings can point at a key or an item. Aliases are
 * already replaced by the node they name and merge keys ({@code <<}) already merged, so rules see what
 * compose sees; a merged entry keeps the position where it was written (inside the anchor), which is where
 * it has to be fixed.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** Where the node starts. */
    SourceRange range();

    /** One {@code key: value} of a mapping; {@code keyRange} covers the key. */
    record Entry(String key, SourceRange keyRange, YamlNode value) {
    }

    record Mapping(SourceRange range, List<Entry> entries) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        public Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        public Optional<YamlNode> get(String key) {
            return entry(key).map(Entry::value);
        }

        /** The scalar under {@code key}, when there is one that is not null. */
        public Optional<Scalar> scalar(String key) {
            return get(key).filter(v -> v instanceof Scalar s && !s.isNull()).map(v -> (Scalar) v);
        }

        /** The mapping under {@code key}, when it is one. */
        public Optional<Mapping> mapping(String key) {
            return get(key).filter(v -> v instanceof Mapping).map(v -> (Mapping) v);
        }
    }

    record Sequence(SourceRange range, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /**
     * A scalar's text as written (numbers and booleans too: {@code 8080:80} stays a string); {@code isNull} for
     * an empty value, {@code ~} or {@code null}; {@code aliased} for an alias whose scalar the parser could not
     * give (Jackson does not report anchors on scalar values), {@code text} then being the alias name.
     */
    record Scalar(SourceRange range, String text, boolean isNull, boolean aliased) implements YamlNode {
        public Scalar(SourceRange range, String text, boolean isNull) {
            this(range, text, isNull, false);
        }

        public boolean isTrue() {
            return !isNull && !aliased && text.trim().equalsIgnoreCase("true");
        }

        /**
         * True when the value is not known from the file, so rules say nothing about it: compose substitutes
         * variables into it ({@code $VAR}, {@code ${VAR}}, {@code ${VAR:-x}}; {@code $$} is a literal dollar), or
         * it is an alias of a scalar anchor the parser does not report.
         */
        public boolean unresolved() {
            return aliased || Interpolation.present(text);
        }
    }
}
