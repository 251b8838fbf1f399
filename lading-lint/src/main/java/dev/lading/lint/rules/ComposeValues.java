package dev.lading.lint.rules;

import dev.lading.lint.compose.YamlNode;
import java.util.List;
import java.util.Optional;

/** Small readings of compose values shared by the RT rules. */
final class ComposeValues {
    private ComposeValues() {
    }

    /** The items of a list; a lone scalar counts as a list of one (compose accepts both in places). */
    static List<YamlNode> items(YamlNode n) {
        return switch (n) {
            case YamlNode.Sequence s -> s.items();
            case YamlNode.Scalar s when s.isNull() -> List.of();
            default -> List.of(n);
        };
    }

    /** The scalar's text when the file says what it is: not null and not a variable compose substitutes. */
    static Optional<String> known(YamlNode n) {
        return n instanceof YamlNode.Scalar s && !s.isNull() && !s.unresolved() ? Optional.of(s.text().trim())
                : Optional.empty();
    }

    /** True when any scalar in {@code n} (or {@code n} itself) is a substituted variable: its value is unknown. */
    static boolean anyInterpolated(List<YamlNode> nodes) {
        return nodes.stream().anyMatch(n -> n instanceof YamlNode.Scalar s && s.unresolved());
    }
}
