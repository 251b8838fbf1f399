package dev.lading.lint.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitIgnoreTest {
    private static final Path BASE = Path.of("/repo");

    private static GitIgnore.Verdict v(String rules, String path, boolean dir) {
        return GitIgnore.parse(BASE, rules).verdict(BASE.resolve(path), dir);
    }

    @Test
    void namesMatchAtAnyDepthAndSlashesAnchor() {
        assertThat(v("build\n", "a/b/build", true)).isEqualTo(GitIgnore.Verdict.IGNORED);
        assertThat(v("/build\n", "a/build", true)).isEqualTo(GitIgnore.Verdict.NONE);
        assertThat(v("/build\n", "build", true)).isEqualTo(GitIgnore.Verdict.IGNORED);
        assertThat(v("docs/old\n", "docs/old", false)).isEqualTo(GitIgnore.Verdict.IGNORED);
        assertThat(v("docs/old\n", "x/docs/old", false)).isEqualTo(GitIgnore.Verdict.NONE);
    }

    @Test
    void globsDirectoryOnlyPatternsNegationAndComments() {
        assertThat(v("*.Dockerfile\n", "svc/api.Dockerfile", false)).isEqualTo(GitIgnore.Verdict.IGNORED);
        assertThat(v("out/\n", "out", false)).isEqualTo(GitIgnore.Verdict.NONE);
        assertThat(v("out/\n", "out", true)).isEqualTo(GitIgnore.Verdict.IGNORED);
        assertThat(v("Dockerfile.*\n!Dockerfile.prod\n", "Dockerfile.prod", false)).isEqualTo(GitIgnore.Verdict.INCLUDED);
        assertThat(v("# Dockerfile\n\n", "Dockerfile", false)).isEqualTo(GitIgnore.Verdict.NONE);
        assertThat(v("**/gen/**\n", "a/gen/x/Dockerfile", false)).isEqualTo(GitIgnore.Verdict.IGNORED);
        assertThat(v("Dockerfile.[ab]\n", "Dockerfile.a", false)).isEqualTo(GitIgnore.Verdict.IGNORED);
        assertThat(v("Dockerfile.[!ab]\n", "Dockerfile.a", false)).isEqualTo(GitIgnore.Verdict.NONE);
        assertThat(v("Docker?ile\n", "Dockerfile", false)).isEqualTo(GitIgnore.Verdict.IGNORED);
    }

    @Test
    void deeperFilesWinAndAncestorsInsideTheRepositoryCount(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        Files.writeString(repo.resolve(".gitignore"), "tmp/\n");
        Path sub = Files.createDirectories(repo.resolve("sub"));
        Files.writeString(sub.resolve(".gitignore"), "!keep.Dockerfile\n*.Dockerfile\n");
        IgnoreStack s = IgnoreStack.startingAt(sub);
        assertThat(s.ignored(sub.resolve("tmp"), true)).isTrue();
        s.push(sub);
        assertThat(s.ignored(sub.resolve("a.Dockerfile"), false)).isTrue();
        s.pop(sub);
        assertThat(s.ignored(sub.resolve("a.Dockerfile"), false)).isFalse();
    }
}
