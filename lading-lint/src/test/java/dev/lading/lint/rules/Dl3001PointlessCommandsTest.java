package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3001PointlessCommandsTest {
    private final Dl3001PointlessCommands rule = new Dl3001PointlessCommands();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM a:1
                RUN apt-get install -y x && service nginx start
                RUN ps aux | grep x
                RUN ssh host true && vim /etc/x
                """)).containsExactly(2, 3, 4);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM a:1
                RUN apt-get install -y openssh-client procps
                RUN echo ps service vim
                RUN mountpoint -q /x || true
                """)).isEmpty();
    }
}
