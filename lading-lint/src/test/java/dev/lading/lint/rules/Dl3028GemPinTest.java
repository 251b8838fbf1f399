package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3028GemPinTest {
    private final Dl3028GemPin rule = new Dl3028GemPin();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM ruby:3
                RUN gem install bundler
                RUN gem install rails:7.1 rake
                """)).containsExactly(2, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM ruby:3
                RUN gem install bundler:2.5.0 --no-document
                RUN gem install rails -v 7.1
                RUN gem install ./local.gem && gem update --system
                ARG G
                RUN gem install $G
                """)).isEmpty();
    }
}
