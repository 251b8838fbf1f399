package dev.lading.lint.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditsTest {
    private static Change change(TextEdit... edits) {
        return new Change("k", "LD000", 1, "test", List.of(edits));
    }

    @Test
    void appliesToTheOriginalInOnePass() {
        Change a = change(TextEdit.insert(0, "<"), new TextEdit(2, 3, "X"));
        Change b = change(new TextEdit(4, 6, ""));
        assertThat(Edits.apply("abcdefg", List.of(b, a))).isEqualTo("<abXdg");
    }

    @Test
    void overlappingOrTouchingChangesAreRefusedWholeNotMerged() {
        Change first = change(new TextEdit(2, 4, "XY"), TextEdit.insert(8, "!"));
        Change overlapping = change(new TextEdit(3, 5, "Z"));
        Change sameSpot = change(TextEdit.insert(8, "?"));
        Change touching = change(TextEdit.insert(4, "-"));
        Change elsewhere = change(TextEdit.insert(6, "+"));
        assertThat(Edits.compatible(List.of(first, overlapping, sameSpot, touching, elsewhere))).containsExactly(first, elsewhere);
        assertThatThrownBy(() -> change(TextEdit.insert(1, "a"), TextEdit.insert(1, "b"))).isInstanceOf(IllegalArgumentException.class);
    }
}
