package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld009NoCdTest {
    private final Ld009NoCd rule = new Ld009NoCd();

    @Test
    void firesOnCdAnywhereInTheScript() {
        assertThat(lines(rule, "FROM a:1\nRUN cd /src && make\nRUN (cd /x; ls)\nRUN sh -c 'cd /y'\n")).containsExactly(2, 3, 4);
    }

    @Test
    void silentWhenCdIsOnlyAWordOrAbsent() {
        assertThat(lines(rule, "FROM a:1\nWORKDIR /src\nRUN make && echo cd\nRUN mkdir cd\n")).isEmpty();
    }
}
