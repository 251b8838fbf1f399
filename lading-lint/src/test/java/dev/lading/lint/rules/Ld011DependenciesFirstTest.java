package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld011DependenciesFirstTest {
    private final Ld011DependenciesFirst rule = new Ld011DependenciesFirst();

    @Test
    void firesWhenTheWholeContextIsCopiedBeforeTheInstall() {
        assertThat(lint(rule, "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"))
                .singleElement().satisfies(f -> {
                    assertThat(f.line()).isEqualTo(3);
                    assertThat(f.message()).contains("npm ci").contains("line 4");
                });
        assertThat(lines(rule, "FROM python:3\nCOPY ./ /src\nRUN pip install --no-cache-dir -r /src/requirements.txt\n"))
                .containsExactly(2);
    }

    @Test
    void silentWhenManifestsComeFirst() {
        assertThat(lines(rule, """
                FROM node:22
                WORKDIR /app
                COPY package.json package-lock.json ./
                RUN npm ci
                COPY . .
                RUN npm run build && npm install left-pad@1.3.0
                """)).isEmpty();
    }
}
