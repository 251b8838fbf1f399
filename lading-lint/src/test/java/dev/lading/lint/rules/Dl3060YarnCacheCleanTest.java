package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3060YarnCacheCleanTest {
    private final Dl3060YarnCacheClean rule = new Dl3060YarnCacheClean();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM node:20
                RUN yarn install --frozen-lockfile
                RUN yarn install && yarn build
                """)).containsExactly(2, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM node:20
                RUN yarn install --frozen-lockfile && yarn cache clean
                RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
                RUN yarn build
                """)).isEmpty();
    }
}
