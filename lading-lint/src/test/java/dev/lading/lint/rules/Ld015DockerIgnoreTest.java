package dev.lading.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import dev.lading.lint.Linter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ld015DockerIgnoreTest {
    private final Linter linter = new Linter(List.of(new Ld015DockerIgnore()), LintConfig.empty());

    @Test
    void firesWithoutDockerignoreOrWithGaps(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), "FROM a:1\n");
        assertThat(linter.lint(df)).singleElement().satisfies(f -> assertThat(f.message()).contains("no .dockerignore"));
        Files.writeString(dir.resolve(".dockerignore"), ".git\nnode_modules\n");
        List<Finding> fs = linter.lint(df);
        assertThat(fs).singleElement().satisfies(f -> assertThat(f.message())
                .contains(".env*").contains("*.pem").contains("__pycache__").doesNotContain(".git,"));
    }

    @Test
    void silentWithACompleteDockerignoreOrForTextWithoutAFile(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), "FROM a:1\n");
        Files.writeString(dir.resolve(".dockerignore"),
                ".git\n.env*\n*.pem\n*.key\nsecrets/\nnode_modules\n.venv\ntarget\n**/__pycache__\n");
        assertThat(linter.lint(df)).isEmpty();
        assertThat(linter.lint("Dockerfile", "FROM a:1\n")).isEmpty();
    }

    @Test
    void aPerDockerfileIgnoreFileCounts(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("api.Dockerfile"), "FROM a:1\n");
        Files.writeString(dir.resolve("api.Dockerfile.dockerignore"), "*\n!src\n");
        assertThat(linter.lint(df)).isEmpty();
    }
}
