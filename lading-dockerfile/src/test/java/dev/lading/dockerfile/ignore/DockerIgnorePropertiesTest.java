package dev.lading.dockerfile.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DockerIgnorePropertiesTest {

    @Property(tries = 2000)
    void anyTextEitherParsesOrFailsWithALine(@ForAll("ignoreText") String text, @ForAll("paths") String path) {
        DockerIgnore d;
        try {
            d = DockerIgnore.parse(".dockerignore", text);
        } catch (DockerIgnoreException e) {
            assertThat(e.line()).isBetween(1, text.split("\n", -1).length);
            return;
        }
        d.matches(path, false);
        d.canSkipDirectory(path);
    }

    @Property(tries = 500)
    void aLiteralPatternExcludesThePathAndEverythingBelowIt(@ForAll("segments") List<String> dir, @ForAll("segments") List<String> below)
            throws DockerIgnoreException {
        String pattern = String.join("/", dir);
        DockerIgnore d = DockerIgnore.parse(".dockerignore", pattern + "\n");
        assertThat(d.matches(pattern, true)).isTrue();
        assertThat(d.matches(pattern + "/" + String.join("/", below), false)).isTrue();
        assertThat(d.canSkipDirectory(pattern)).isTrue();
        DockerIgnore undone = DockerIgnore.parse(".dockerignore", pattern + "\n!" + pattern + "\n");
        assertThat(undone.matches(pattern, true)).isFalse();
    }

    @Property(tries = 500)
    void skippableDirectoriesContainNothingIncluded(@ForAll("ignoreText") String text, @ForAll("segments") List<String> dir,
                                                    @ForAll("segments") List<String> below) {
        DockerIgnore d;
        try {
            d = DockerIgnore.parse(".dockerignore", text);
        } catch (DockerIgnoreException e) {
            return;
        }
        String path = String.join("/", dir);
        if (d.canSkipDirectory(path)) {
            assertThat(d.matches(path + "/" + String.join("/", below), false)).isTrue();
        }
    }

    @Provide
    Arbitrary<List<String>> segments() {
        return Arbitraries.strings().withChars("abcxy019_.-").ofMinLength(1).ofMaxLength(4)
                .filter(s -> !s.equals(".") && !s.equals("..")).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withChars("ab/.*?[]\\!-x").ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> ignoreText() {
        return Arbitraries.of("a", "b", "x", "*", "**", "?", "/", "!", "[", "]", "^", "-", "\\", ".", "..", "#", " ", "\n", "\n",
                "a/b", "**/", "!a", "[a-c]", "[^a]", "{", "(", "$", "+").list().ofMaxSize(20).map(l -> String.join("", l));
    }
}
