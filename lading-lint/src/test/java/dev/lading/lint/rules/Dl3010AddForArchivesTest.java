package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3010AddForArchivesTest {
    private final Dl3010AddForArchives rule = new Dl3010AddForArchives();

    @Test
    void firesAtTheCopyOfAnArchiveExtractedLater() {
        assertThat(lines(rule, """
                FROM a:1
                COPY dist/app.tar.gz /tmp/
                COPY other.tgz /tmp/o.tgz
                RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
                RUN tar xf /tmp/o.tgz
                """)).containsExactly(2, 3);
    }

    @Test
    void silentWhenNotExtractedOrNotATarOrInAnotherStage() {
        assertThat(lines(rule, """
                FROM a:1 AS one
                COPY app.tar.gz /srv/
                COPY app.zip /tmp/
                RUN unzip /tmp/app.zip && tar -tzf /srv/app.tar.gz
                FROM b:1
                RUN tar -xzf /tmp/app.tar.gz
                COPY --from=one /srv/app.tar.gz /x/
                RUN tar -xzf /x/app.tar.gz
                """)).isEmpty();
    }
}
