package dev.lading.lint.fix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CopyOwnershipFixTest {
    private static String fix(String text) {
        return Fixes.only("copy-chown", text);
    }

    @Test
    void chownAfterTheCopyMovesIntoTheCopy() {
        assertThat(fix("FROM debian:12\n# the app\nCOPY app/ /srv/app/\nRUN chown -R 1000:1000 /srv/app\nUSER 1000\n"))
                .isEqualTo("FROM debian:12\n# the app\nCOPY --chown=1000:1000 app/ /srv/app/\nUSER 1000\n");
        assertThat(fix("FROM debian:12\r\nCOPY --link app /srv/app\r\nRUN   chmod -R 0755 /srv/app\r\nUSER 1000\r\n"))
                .isEqualTo("FROM debian:12\r\nCOPY --chmod=0755 --link app /srv/app\r\nUSER 1000\r\n");
    }

    @Test
    void chownThenChmodBothMoveInOneRun() {
        assertThat(fix("FROM debian:12\nCOPY app /srv/app\nRUN chown -R app:app /srv/app\nRUN chmod -R 750 /srv/app\n"))
                .isEqualTo("FROM debian:12\nCOPY --chmod=750 --chown=app:app app /srv/app\n");
    }

    @Test
    void aRunOnTheLastLineWithoutNewlineGoes() {
        assertThat(fix("FROM debian:12\nCOPY app /srv/app\nRUN chown -R app \\\n  /srv/app"))
                .isEqualTo("FROM debian:12\nCOPY --chown=app app /srv/app\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "COPY app /srv/app\nRUN chown -R app:app /srv",                       // another path
        "COPY app /srv/app\nRUN chown -R app:app /srv/app && echo done",      // more than the chown
        "COPY app /srv/app\nRUN chmod -R u+x /srv/app",                       // symbolic mode
        "COPY app /srv/app\nRUN chown app:app /srv/app",                      // not recursive
        "COPY app /srv/app\nENV X=1\nRUN chown -R app:app /srv/app",          // not right after the COPY
        "COPY --chown=root app /srv/app\nRUN chown -R app:app /srv/app",      // the COPY sets it already
        "COPY app /srv/app\nRUN chown -R $APP_USER /srv/app",                 // a variable
        "COPY app /srv/app\nRUN --network=none chown -R app /srv/app",        // RUN flags
        "COPY app /srv/app\nRUN chown -R app \\\n  # who\n  /srv/app",        // a comment would go with it
        "WORKDIR /srv/app\nCOPY . /srv/app\nRUN chown -R app /srv/app",       // /srv/app existed: chown -R changed it too
        "WORKDIR /srv/app\nCOPY . .\nRUN chown -R app .",                     // the same, relative
        "COPY a /srv/app\nCOPY b /srv/app\nRUN chown -R app /srv/app"})      // the first COPY's files too
    void everythingElseStays(String body) {
        String text = "FROM debian:12\n" + body + "\n";
        assertThat(fix(text)).isEqualTo(text);
    }
}
