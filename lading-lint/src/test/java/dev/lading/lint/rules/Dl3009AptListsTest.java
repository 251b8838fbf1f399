package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3009AptListsTest {
    private final Dl3009AptLists rule = new Dl3009AptLists();

    @Test
    void firesWithoutCleanup() {
        assertThat(lines(rule, "FROM d:1\nRUN apt-get update && apt-get install -y a && apt-get install -y b\n"))
                .containsExactly(2);
    }

    @Test
    void silentWithCleanupOrCacheMount() {
        assertThat(lines(rule, "FROM d:1\nRUN apt-get install -y a && rm -rf /var/lib/apt/lists/*\n")).isEmpty();
        assertThat(lines(rule, "FROM d:1\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get install -y a\n"))
                .isEmpty();
    }
}
