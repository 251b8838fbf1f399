package dev.lading.build;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChmodSpecTest {

    private static int apply(String spec, int mode, boolean dir) {
        return ChmodSpec.parse(spec).apply(mode, dir);
    }

    @Test
    void octalReplacesTheBits() {
        assertThat(apply("755", 0600, false)).isEqualTo(0755);
        assertThat(apply("0644", 0777, true)).isEqualTo(0644);
        assertThat(apply("4755", 0, false)).isEqualTo(04755);
    }

    @Test
    void symbolicEditsEachEntrysOwnBits() {
        assertThat(apply("u+x,g-w", 0664, false)).isEqualTo(0744);
        assertThat(apply("a=r", 0755, true)).isEqualTo(0444);
        assertThat(apply("+x", 0644, false)).isEqualTo(0755);
        assertThat(apply("go-rwx", 0755, false)).isEqualTo(0700);
        assertThat(apply("u=rwx,go=rx", 0, false)).isEqualTo(0755);
        assertThat(apply("g=u", 0740, false)).isEqualTo(0770);
        assertThat(apply("o=", 0777, false)).isEqualTo(0770);
        assertThat(apply("u+s,+t", 0755, true)).isEqualTo(05755);
        assertThat(apply("u+r-w", 0644, false)).isEqualTo(0444);
    }

    @Test
    void capitalXAddsSearchToDirectoriesAndExecuteOnlyToFilesSomeoneExecutes() {
        assertThat(apply("a+X", 0644, true)).isEqualTo(0755);
        assertThat(apply("a+X", 0644, false)).isEqualTo(0644);
        assertThat(apply("a+X", 0744, false)).isEqualTo(0755);
        assertThat(apply("go+rX", 0700, true)).isEqualTo(0755);
    }

    @Test
    void invalidModesAreClearErrors() {
        for (String bad : new String[] {"u+q", "8", "07777x", "u", "", "z+x", "u+x,", "u+ug"}) {
            assertThatThrownBy(() -> ChmodSpec.parse(bad)).as(bad).isInstanceOf(BuildException.class)
                    .hasMessageStartingWith("--chmod=" + bad + ": invalid mode");
        }
    }
}
