package dev.lading.lint.rules;

import static dev.lading.lint.ComposeRuleTester.lines;
import static dev.lading.lint.ComposeRuleTester.service;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Rt007SecretsInEnvironmentTest {
    private final Rt007SecretsInEnvironment rule = new Rt007SecretsInEnvironment();

    @Test
    void firesOnSecretValuesWrittenInTheFileInBothForms() {
        assertThat(lines(rule, service("environment:", "  POSTGRES_PASSWORD: hunter2", "  API_KEY: 12345",
                "  LOG_LEVEL: debug"))).containsExactly(4, 5);
        assertThat(lines(rule, service("environment:", "  - GITHUB_TOKEN=ghp_abc", "  - MODE=prod"))).containsExactly(4);
    }

    @Test
    void silentOnVariablesFilesPassThroughAndPlainNames() {
        assertThat(lines(rule, service("environment:", "  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}",
                "  POSTGRES_PASSWORD_FILE: /run/secrets/db", "  SECRET_KEY:", "  KEYCLOAK_URL: http://kc",
                "  API_KEY: \"$API_KEY\""))).isEmpty();
        assertThat(lines(rule, service("environment:", "  - DB_PASSWORD", "  - DB_PASSWORD=", "  - TOKEN=${T:?set it}")))
                .isEmpty();
        assertThat(lines(rule, service("secrets: [db_password]"))).isEmpty();
    }
}
