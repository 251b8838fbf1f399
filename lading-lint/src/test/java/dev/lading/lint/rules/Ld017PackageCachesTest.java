package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld017PackageCachesTest {
    private final Ld017PackageCaches rule = new Ld017PackageCaches();

    @Test
    void firesForEachManagerWhoseCacheStays() {
        assertThat(lines(rule, """
                FROM a:1
                RUN apt-get update && apt-get install -y curl
                RUN npm ci
                RUN pip install -r requirements.txt
                RUN uv sync --frozen
                RUN cargo build --release --locked
                RUN go build ./...
                RUN ./mvnw -B package
                RUN gradle build
                """)).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void oneFindingPerRunNamesEveryManager() {
        assertThat(lint(rule, "FROM a:1\nRUN npm ci && pip install -r r.txt\n")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("npm, pip caches stay in the layer"));
    }

    @Test
    void silentWithCacheMounts() {
        assertThat(lines(rule, """
                FROM a:1
                RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl
                RUN --mount=type=cache,target=/root/.npm npm ci
                RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
                RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen
                RUN --mount=type=cache,target=/usr/local/cargo/registry cargo build --locked
                RUN --mount=type=cache,target=/root/.cache/go-build go build ./...
                RUN --mount=type=cache,target=/root/.m2 ./mvnw -B package
                RUN --mount=type=cache,target=/home/gradle/.gradle gradle build
                """)).isEmpty();
    }

    @Test
    void silentWhenCleanedInTheSameRunOrDisabled() {
        assertThat(lines(rule, """
                FROM a:1
                ENV UV_NO_CACHE=1
                RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
                RUN npm ci && npm cache clean --force
                RUN pip install --no-cache-dir flask==3.0
                RUN uv sync --frozen
                RUN go build ./... && go clean -cache -modcache
                RUN mvn package && rm -rf /root/.m2/repository
                RUN npm run build && apt-get update --quiet
                """)).isEmpty();
    }

    @Test
    void silentInBuildStagesThatAreOnlyCopiedFrom() {
        assertThat(lines(rule, """
                FROM maven:3 AS deps
                RUN mvn -B dependency:go-offline
                FROM deps AS build
                RUN mvn -B package
                FROM node:22 AS web
                RUN npm ci
                FROM debian:12 AS runtime-base
                RUN apt-get update && apt-get install -y curl
                FROM runtime-base
                COPY --from=build /app.jar /app.jar
                RUN --mount=type=bind,from=web,source=/dist,target=/dist cp -r /dist /www
                """)).containsExactly(8);
    }

    @Test
    void stagesThatMayBeBuiltOrShippedAreStillJudged() {
        // 'test' is used by nothing: it may be a --target; 'base' is the final stage's base
        assertThat(lines(rule, """
                FROM python:3 AS base
                RUN pip install flask
                FROM base AS test
                RUN pip install pytest
                FROM base
                RUN npm ci
                """)).containsExactly(2, 4, 6);
        // a FROM whose base is not known may build on any stage
        assertThat(lines(rule, """
                ARG BASE
                FROM maven:3 AS build
                RUN mvn package
                FROM ${BASE}
                COPY --from=build /a /a
                """)).containsExactly(3);
        // referred to by index
        assertThat(lines(rule, "FROM node:22\nRUN npm ci\nFROM nginx:1\nCOPY --from=0 /dist /www\n")).isEmpty();
    }
}
