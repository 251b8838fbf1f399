package dev.lading.dockerfile.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerIgnoreTest {

    private static DockerIgnore of(String text) {
        try {
            return DockerIgnore.parse(".dockerignore", text);
        } catch (DockerIgnoreException e) {
            throw new AssertionError(e);
        }
    }

    /** pattern | path | excluded — single-pattern behaviour of moby/patternmatcher. */
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "*.go|a.go|true",
            "*.go|dir/a.go|false",
            "**/*.go|dir/a.go|true",
            "**/*.go|a.go|true",
            "**/*.go|a/b/c.go|true",
            "**|anything/at/all|true",
            "**/|x|true",
            "dir/**|dir/a|true",
            "dir/**|dir/a/b|true",
            "dir/**|dir|false",
            "dir/**|dirx/a|false",
            "dir|dir/a/b|true",
            "dir/|dir/a|true",
            "a/*/c|a/b/c|true",
            "a/*/c|a/b/c/d|true",
            "a/*/c|a/b/x/c|false",
            "a/**/c|a/c|true",
            "a/**/c|a/b/x/c|true",
            "?.txt|a.txt|true",
            "?.txt|ab.txt|false",
            "?.txt|/.txt|false",
            "[a-c].txt|b.txt|true",
            "[a-c].txt|d.txt|false",
            "[^a].txt|b.txt|true",
            "[^a].txt|a.txt|false",
            "\\*.txt|*.txt|true",
            "\\*.txt|a.txt|false",
            "/foo|foo|true",
            "./foo|foo|true",
            "foo/../bar|bar|true",
            "foo/../bar|foo/bar|false",
            "**/foo|foo|true",
            "**/foo|a/foo|true",
            "**/foo|afoo|false",
            "**foo|afoo|true",
            "foo**|foobar|true",
            "foo**|fo|false",
            "a.b|axb|false",
            "a+b|a+b|true",
            "(x)|(x)|true",
            "{a,b}|a|false",
            "{a,b}|{a,b}|true",
            ".git|.git/config|true",
            "*|a/b|true",
            "node_modules|src/node_modules|false",
            "**/node_modules|src/node_modules/x|true",
    })
    void singlePattern(String pattern, String path, boolean excluded) {
        assertThat(of(pattern + "\n").matches(path, false)).isEqualTo(excluded);
    }

    @Test
    void oddBracketPatternsMatchTheWayDockersRegexDoes() {
        // patternmatcher turns "[a*]" into the RE2 expression ^[a[^/]*]$ : a class {a,[,^,/} repeated, then ']'
        DockerIgnore d = of("[a*]\n");
        assertThat(d.matches("]", false)).isTrue();
        assertThat(d.matches("aa]", false)).isTrue();
        assertThat(d.matches("a", false)).isFalse();
        // RE2 POSIX classes work inside brackets
        DockerIgnore posix = of("[[:digit:]]x\n");
        assertThat(posix.matches("7x", false)).isTrue();
        assertThat(posix.matches("ax", false)).isFalse();
        DockerIgnore amp = of("[&a]b\n");
        assertThat(amp.matches("&b", false)).isTrue();
    }

    @Test
    void exceptionsAreEvaluatedInOrderAndTheLastMatchWins() {
        DockerIgnore d = of("*.md\n!README.md\n");
        assertThat(d.matches("a.md", false)).isTrue();
        assertThat(d.matches("README.md", false)).isFalse();
        DockerIgnore reversed = of("!README.md\n*.md\n");
        assertThat(reversed.matches("README.md", false)).isTrue();
        DockerIgnore again = of("*.md\n!README*.md\nREADME-secret.md\n");
        assertThat(again.matches("README-secret.md", false)).isTrue();
        assertThat(again.matches("README-public.md", false)).isFalse();
    }

    @Test
    void exceptionBeneathAnExcludedDirectory() {
        DockerIgnore d = of("docs\n!docs/keep.md\n");
        assertThat(d.matches("docs", true)).isTrue();
        assertThat(d.matches("docs/other.md", false)).isTrue();
        assertThat(d.matches("docs/keep.md", false)).isFalse();
        assertThat(d.canSkipDirectory("docs")).isFalse();
        assertThat(d.canSkipDirectory("docs/sub")).isTrue();
        assertThat(d.hasExceptions()).isTrue();
    }

    @Test
    void skippingDirectories() {
        DockerIgnore plain = of("node_modules\n.git\n");
        assertThat(plain.canSkipDirectory("node_modules")).isTrue();
        assertThat(plain.canSkipDirectory("src")).isFalse();
        DockerIgnore deep = of("vendor\n!**/LICENSE\n");
        assertThat(deep.canSkipDirectory("vendor")).isFalse();
        DockerIgnore sibling = of("build\n!dist/keep\n");
        assertThat(sibling.canSkipDirectory("build")).isTrue();
        DockerIgnore glob = of("cache\n!cache/*/keep\n");
        assertThat(glob.canSkipDirectory("cache")).isFalse();
        assertThat(glob.canSkipDirectory("cache/x")).isFalse();
        assertThat(glob.canSkipDirectory("cache/x/y")).isTrue();
    }

    @Test
    void commentsBlankLinesAndWhitespace() {
        DockerIgnore d = of("# comment\n\n   \n  *.log  \n #notacomment\n\uFEFFx\n");
        assertThat(d.patterns()).containsExactly("*.log", "#notacomment", "\uFEFFx");
        assertThat(d.matches("a.log", false)).isTrue();
        assertThat(d.matches("#notacomment", false)).isTrue();
    }

    @Test
    void byteOrderMarkOnTheFirstLineIsDropped() {
        assertThat(of("\uFEFF# comment\n*.tmp\r\n").patterns()).containsExactly("*.tmp");
    }

    @Test
    void patternsAreNormalised() {
        assertThat(of("/a/b/\n! /c\n./d//e/../f\n!./g\n").patterns()).containsExactly("a/b", "!c", "d/f", "!g");
    }

    @Test
    void contextRootIsNeverExcluded() {
        assertThat(of("*\n").matches(".", true)).isFalse();
        assertThat(of("*\n").matches("", true)).isFalse();
    }

    @Test
    void pathsAreCleanedBeforeMatching() {
        DockerIgnore d = of("a/b\n");
        assertThat(d.matches("./a//b/", false)).isTrue();
        assertThat(d.matches("/a/b/c", false)).isTrue();
    }

    @Test
    void invalidPatternsAreErrorsWithLineNumbers() {
        assertThatThrownBy(() -> DockerIgnore.parse(".dockerignore", "ok\n!\n"))
                .isInstanceOfSatisfying(DockerIgnoreException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).isEqualTo(".dockerignore:2: illegal exclusion pattern: \"!\"");
                });
        assertThatThrownBy(() -> DockerIgnore.parse(".dockerignore", "[abc\n")).isInstanceOf(DockerIgnoreException.class)
                .hasMessageContaining("syntax error in pattern");
        assertThatThrownBy(() -> DockerIgnore.parse(".dockerignore", "a\\\n")).isInstanceOf(DockerIgnoreException.class);
        assertThatThrownBy(() -> DockerIgnore.parse(".dockerignore", "[]a]\n")).isInstanceOf(DockerIgnoreException.class);
        assertThatThrownBy(() -> DockerIgnore.parse(".dockerignore", "[a-]\n")).isInstanceOf(DockerIgnoreException.class);
    }

    @Test
    void dockerfileSpecificIgnoreFileWins(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".dockerignore"), "generic\n");
        Path df = Files.createDirectories(dir.resolve("build")).resolve("app.Dockerfile");
        Files.writeString(df, "FROM a\n");
        DockerIgnore generic = DockerIgnore.load(dir, df);
        assertThat(generic.source()).contains(dir.resolve(".dockerignore"));
        assertThat(generic.matches("generic", false)).isTrue();

        Files.writeString(dir.resolve("build/app.Dockerfile.dockerignore"), "specific\n");
        DockerIgnore specific = DockerIgnore.load(dir, df);
        assertThat(specific.source()).contains(dir.resolve("build/app.Dockerfile.dockerignore"));
        assertThat(specific.matches("specific", false)).isTrue();
        assertThat(specific.matches("generic", false)).isFalse();
    }

    @Test
    void noIgnoreFileMeansNothingIsExcluded(@TempDir Path dir) throws Exception {
        DockerIgnore d = DockerIgnore.load(dir, dir.resolve("Dockerfile"));
        assertThat(d.source()).isEmpty();
        assertThat(d.matches("anything", false)).isFalse();
    }
}
