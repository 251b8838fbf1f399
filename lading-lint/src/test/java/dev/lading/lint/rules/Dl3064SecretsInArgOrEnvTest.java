package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3064SecretsInArgOrEnvTest {
    private final Dl3064SecretsInArgOrEnv rule = new Dl3064SecretsInArgOrEnv();

    @Test
    void fires() {
        assertThat(lines(rule, "FROM debian:12\nARG GITHUB_TOKEN\nENV DB_PASSWORD=secret\n")).containsExactly(2, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, "FROM debian:12\nARG APP_VERSION=1\nENV LOG_LEVEL=info\n")).isEmpty();
    }
}
