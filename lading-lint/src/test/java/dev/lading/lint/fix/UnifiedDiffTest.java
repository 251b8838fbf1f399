package dev.lading.lint.fix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
    @Test
    void hunksWithThreeLinesOfContextAndSeparateHunksWhenFarApart() {
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            a.append("l").append(i).append('\n');
        }
        String b = a.toString().replace("l2\n", "L2\n").replace("l11\n", "l11\nnew\n");
        assertThat(UnifiedDiff.of("a/f", "b/f", a.toString(), b)).isEqualTo("""
                --- a/f
                +++ b/f
                @@ -1,5 +1,5 @@
                 l1
                -l2
                +L2
                 l3
                 l4
                 l5
                @@ -9,4 +9,5 @@
                 l9
                 l10
                 l11
                +new
                 l12
                """);
    }

    @Test
    void aMissingFinalNewlineAndANewFileAndNoChange() {
        assertThat(UnifiedDiff.of("a/f", "b/f", "x\ny", "x\nz")).isEqualTo("""
                --- a/f
                +++ b/f
                @@ -1,2 +1,2 @@
                 x
                -y
                \\ No newline at end of file
                +z
                \\ No newline at end of file
                """);
        assertThat(UnifiedDiff.of("/dev/null", "b/.dockerignore", "", ".git\n")).isEqualTo("""
                --- /dev/null
                +++ b/.dockerignore
                @@ -0,0 +1 @@
                +.git
                """);
        assertThat(UnifiedDiff.of("a/f", "b/f", "same\n", "same\n")).isEmpty();
    }
}
