package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3022CopyFromKnownStageTest {
    private final Dl3022CopyFromKnownStage rule = new Dl3022CopyFromKnownStage();

    @Test
    void firesOnUnknownOrLaterStages() {
        assertThat(lines(rule, "FROM a:1\nCOPY --from=build /x /x\nFROM b:1 AS build\n")).containsExactly(2);
        assertThat(lines(rule, "FROM a:1\nCOPY --from=1 /x /x\nFROM b:1\n")).containsExactly(2);
    }

    @Test
    void silentForEarlierStagesIndexesAndImages() {
        assertThat(lines(rule, """
                FROM a:1 AS Build
                FROM b:1
                COPY --from=build /x /x
                COPY --from=0 /y /y
                COPY --from=nginx:1.27 /etc/nginx /etc/nginx
                """)).isEmpty();
    }
}
