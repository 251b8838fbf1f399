package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld007AptGetTest {
    private final Ld007AptGet rule = new Ld007AptGet();

    @Test
    void firesOnMissingFlagsAndMissingCleanup() {
        assertThat(lint(rule, "FROM d:1\nRUN apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*\n"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("-y and --no-install-recommends"));
        assertThat(lint(rule, "FROM d:1\nRUN apt-get install -y --no-install-recommends curl\n"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("/var/lib/apt/lists"));
    }

    @Test
    void silentWhenDoneRight() {
        assertThat(lines(rule, """
                FROM d:1
                RUN apt-get update \\
                 && DEBIAN_FRONTEND=noninteractive apt-get install -qq --no-install-recommends curl \\
                 && rm -rf /var/lib/apt/lists/*
                RUN --mount=type=cache,target=/var/lib/apt/lists apt-get -o APT::Install-Recommends=false install --yes x
                RUN apt-get update
                """)).isEmpty();
    }

    @Test
    void seesInsideShDashC() {
        assertThat(lines(rule, "FROM d:1\nRUN sh -c 'apt-get install -y --no-install-recommends x'\n")).containsExactly(2);
    }
}
