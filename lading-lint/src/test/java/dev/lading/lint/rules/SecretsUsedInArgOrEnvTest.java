package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsUsedInArgOrEnvTest {
    private final SecretsUsedInArgOrEnv rule = new SecretsUsedInArgOrEnv();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM a:1
                ARG GITHUB_TOKEN
                ENV DB_PASSWORD=x
                ARG api_key=1
                ENV AUTH=1
                """)).containsExactly(2, 3, 4, 5);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM a:1
                ARG PUBLIC_KEY
                ENV KEYBOARD=us TOKENIZER=x PASSWORDLESS=1
                ARG NPM_TOKEN_PUBLIC=1
                ENV MONKEY=1
                """)).isEmpty();
    }
}
