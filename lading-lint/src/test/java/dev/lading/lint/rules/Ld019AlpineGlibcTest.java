package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld019AlpineGlibcTest {
    private final Ld019AlpineGlibc rule = new Ld019AlpineGlibc();

    @Test
    void firesOnGlibcCompatibilityOnAlpine() {
        assertThat(lines(rule, """
                FROM alpine:3.20 AS base
                RUN apk add --no-cache gcompat
                FROM base
                RUN apk add --no-cache --allow-untrusted /tmp/glibc-2.35-r1.apk
                FROM node:20-alpine
                RUN apk add --no-cache libc6-compat
                """)).containsExactly(2, 4, 6);
    }

    @Test
    void firesOnCompilersForPipOnPythonAlpine() {
        assertThat(lines(rule, "FROM python:3.12-alpine\nRUN apk add --no-cache build-base\nRUN pip install numpy==2.0\n"))
                .containsExactly(2);
    }

    @Test
    void versionedPackagesAreKnownByName() {
        // one finding per apk command
        assertThat(lines(rule, "FROM alpine:3.20\nRUN apk add gcompat=1.1.0-r4 && apk add 'libc6-compat>1.0'\n")).containsExactly(2, 2);
        assertThat(lines(rule, "FROM alpine:3.20\nRUN apk add gcompatible=1 'libc6-compatx~2'\n")).isEmpty();
        for (String v : new String[]{"gcompat", "gcompat=1.1", "gcompat>=1", "gcompat<2", "gcompat~1.1", "=x", "a=b\nc", "", "g=\r"}) {
            assertThat(Ld019AlpineGlibc.withoutVersion(v)).as(v).isEqualTo(v.replaceFirst("[=<>~].*$", ""));
        }
    }

    @Test
    void silentElsewhere() {
        assertThat(lines(rule, """
                FROM debian:12 AS d
                RUN apt-get install -y gcc
                FROM alpine:3.20
                RUN apk add --no-cache build-base curl
                FROM python:3.12-alpine
                RUN apk add --no-cache curl && pip install --no-cache-dir x==1
                FROM python:3.12-slim
                RUN pip install numpy==2.0
                """)).isEmpty();
    }
}
