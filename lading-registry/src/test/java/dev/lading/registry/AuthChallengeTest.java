package dev.lading.registry;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuthChallengeTest {

    @Test
    void dockerHubBearerChallenge() {
        List<AuthChallenge> c = AuthChallenge.parse(List.of(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\""));
        assertThat(c).containsExactly(new AuthChallenge("Bearer", Map.of("realm", "https://auth.docker.io/token",
                "service", "registry.docker.io", "scope", "repository:library/alpine:pull")));
        assertThat(c.get(0).isBearer()).isTrue();
    }

    @Test
    void multipleChallengesAndUnquotedValues() {
        List<AuthChallenge> c = AuthChallenge.parse(List.of(
                "Basic realm=\"Registry Realm\", Bearer realm=https://r/token, error=\"insufficient_scope\"",
                "Negotiate"));
        assertThat(c).hasSize(3);
        assertThat(c.get(0).isBasic()).isTrue();
        assertThat(c.get(0).param("realm")).isEqualTo("Registry Realm");
        assertThat(c.get(1).param("realm")).isEqualTo("https://r/token");
        assertThat(c.get(1).param("error")).isEqualTo("insufficient_scope");
        assertThat(c.get(2).scheme()).isEqualTo("Negotiate");
    }

    @Test
    void quotedCommasAndEscapesStayInTheValue() {
        List<AuthChallenge> c = AuthChallenge.parse(List.of(
                "bearer realm=\"https://r/token\",scope=\"repository:a:pull,push repository:b:pull\",x=\"q\\\"uote\""));
        assertThat(c.get(0).param("scope")).isEqualTo("repository:a:pull,push repository:b:pull");
        assertThat(c.get(0).param("x")).isEqualTo("q\"uote");
        assertThat(c.get(0).isBearer()).isTrue();
    }
}
