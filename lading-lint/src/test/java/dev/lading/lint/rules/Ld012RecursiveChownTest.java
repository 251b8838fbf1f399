package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld012RecursiveChownTest {
    private final Ld012RecursiveChown rule = new Ld012RecursiveChown();

    @Test
    void firesOnRecursiveChownOfCopiedPaths() {
        assertThat(lines(rule, "FROM a:1\nCOPY . /app\nRUN chown -R 1000:1000 /app\n")).containsExactly(3);
        assertThat(lines(rule, "FROM a:1\nWORKDIR /srv\nCOPY src/ ./src/\nRUN chmod -R g+w src\n")).containsExactly(4);
        assertThat(lines(rule, "FROM a:1\nCOPY x /app/lib/x\nRUN chown --recursive app /app\n")).containsExactly(3);
    }

    @Test
    void silentForOtherPathsNonRecursiveAndAfterCd() {
        assertThat(lines(rule, """
                FROM a:1
                COPY . /app
                RUN chown -R app /var/cache/app
                RUN chown app /app
                RUN cd /tmp && chown -R app app
                RUN chown -R app $DIR
                """)).isEmpty();
    }

    @Test
    void copiesOfEarlierStagesDoNotCount() {
        assertThat(lines(rule, "FROM a:1 AS b\nCOPY . /app\nFROM a:1\nRUN chown -R 1 /app\n")).isEmpty();
    }

    @Test
    void silentInBuildStagesThatAreOnlyCopiedFrom() {
        assertThat(lines(rule, """
                FROM a:1 AS build
                COPY . /src
                RUN chown -R 1000 /src && make -C /src
                FROM a:1
                COPY --from=build /src/out /app
                RUN chown -R 1000 /app
                """)).containsExactly(6);
    }
}
