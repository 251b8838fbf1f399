package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld006SecretsTest {
    private final Ld006Secrets rule = new Ld006Secrets();

    @Test
    void firesOnSecretNamesAndCredentialFiles() {
        assertThat(lines(rule, """
                ARG NPM_TOKEN
                FROM a:1
                ENV DB_PASSWORD=hunter2
                LABEL api_key=abc
                COPY .env /app/.env
                COPY certs/server.key id_rsa /etc/
                ADD .npmrc /root/
                """)).containsExactly(1, 3, 4, 5, 6, 6, 7);
    }

    @Test
    void silentOnReferencesPublicKeysAndUnrelatedNames() {
        assertThat(lines(rule, """
                FROM a:1 AS b
                ENV DB_PASSWORD_FILE=/run/secrets/db PUBLIC_KEY=abc MONKEY=1 KEYBOARD=us TOKENIZER=x
                ARG KEY_ID
                COPY .env.example /app/
                COPY keys.txt /app/
                FROM a:1
                COPY --from=b /x/server.pem /etc/ssl/
                """)).isEmpty();
    }
}
