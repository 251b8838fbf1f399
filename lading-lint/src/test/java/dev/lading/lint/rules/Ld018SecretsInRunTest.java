package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld018SecretsInRunTest {
    private final Ld018SecretsInRun rule = new Ld018SecretsInRun();

    @Test
    void firesOnCredentialsInTheCommandLine() {
        assertThat(lines(rule, """
                FROM a:1
                RUN git clone https://user:s3cret@example.com/repo.git
                RUN curl -H "Authorization: Bearer abc" https://api.example.com
                RUN docker login --password hunter2 registry
                ARG TOKEN
                RUN some-cli --token=$TOKEN
                """)).containsExactly(2, 3, 4, 6);
    }

    @Test
    void silentWhenReadFromASecretMount() {
        assertThat(lines(rule, """
                FROM a:1
                RUN --mount=type=secret,id=tok curl -H "Authorization: Bearer $(cat /run/secrets/tok)" https://x
                RUN --mount=type=secret,id=pw docker login --password-stdin registry < /run/secrets/pw
                RUN git clone https://example.com/repo.git && echo https://x@y
                """)).isEmpty();
    }
}
