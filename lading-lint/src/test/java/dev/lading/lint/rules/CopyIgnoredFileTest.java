package dev.lading.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import dev.lading.lint.Linter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CopyIgnoredFileTest {
    private final Linter linter = new Linter(List.of(new CopyIgnoredFile()), LintConfig.empty());

    private List<Integer> lines(String ignore, String dockerfile) throws Exception {
        return linter.lint("Dockerfile", dockerfile, Optional.empty(), Optional.of(DockerIgnore.parse(".dockerignore", ignore)))
                .stream().map(Finding::line).toList();
    }

    @Test
    void firesOnExcludedSources() throws Exception {
        assertThat(lines(".env\nsecrets/\n*.md\n!README.md\n", """
                FROM a:1
                COPY .env /app/.env
                ADD secrets/db.txt NOTES.md /app/
                ARG F=.env
                COPY $F /x
                """)).containsExactly(2, 3, 3, 5); // line 3: both sources are excluded
    }

    @Test
    void silentForKeptSourcesGlobsOtherStagesAndWithoutDockerignore() throws Exception {
        assertThat(lines(".env\nsecrets/\n*.md\n!README.md\n", """
                FROM a:1 AS build
                COPY . /src
                COPY README.md src/ /app/
                COPY *.env /app/
                FROM a:1
                COPY --from=build /src/.env /x
                ADD https://example.com/secrets/x.md /y
                ARG F
                COPY $F /z
                """)).isEmpty();
        assertThat(linter.lint("Dockerfile", "FROM a:1\nCOPY .env /x\n")).isEmpty();
    }
}
