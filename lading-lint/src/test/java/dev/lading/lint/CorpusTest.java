package dev.lading.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.dockerfile.DockerfileParseException;
import dev.lading.dockerfile.DockerfileParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus: every Dockerfile the repository keeps (under {@code examples/} and the test resources of the
 * modules that hold Dockerfiles) parses, and its lint findings under the default configuration equal the
 * expected findings stored beside it, so a change in any rule's behaviour on real files shows up as a diff.
 *
 * <p>The expected file of {@code dir/NAME} is {@code dir/name.lint-expected.txt} (NAME lower-cased): the
 * {@code .txt} suffix keeps {@code lading lint .} from taking it for a {@code Dockerfile.*} file, and the
 * lower case keeps it out of corpora that pick files whose name contains "Dockerfile" (FixerTest). One line
 * per finding, {@code LINE:COL ID SEVERITY message}, sorted. A file that does not parse records it on a first
 * line {@code parse-error LINE:COL problem}, so deliberately malformed fixtures are covered as well.
 *
 * <p>ShellCheck is left out (the Linter gets no ShellChecker): its findings depend on which shellcheck is on
 * PATH, and this test must give the same answer on every machine.
 *
 * <p>To write or refresh the expected files after a deliberate change, run with
 * {@code -Dlading.corpus.update=true} (or {@code LADING_CORPUS_UPDATE=true} in the environment) and review
 * the diff before committing it.
 */
class CorpusTest {
    static final String EXPECTED_SUFFIX = ".lint-expected.txt";

    /** Where the repository keeps Dockerfiles, relative to its root. */
    static final List<String> ROOTS = List.of("examples", "lading-lint/src/test/resources",
            "lading-dockerfile/src/test/resources", "lading-build/src/test/resources", "lading-cli/src/test/resources");

    /** As {@code lading lint}'s discovery: these suffixes make {@code Dockerfile.x} something else. */
    private static final Set<String> NOT_DOCKERFILE_SUFFIXES = Set.of("dockerignore", "java", "kt", "scala", "groovy",
            "go", "py", "js", "mjs", "ts", "rb", "rs", "c", "h", "cpp", "cs", "php", "class", "md", "rst", "adoc", "txt",
            "html", "json", "yaml", "yml", "toml", "xml", "sh", "bak", "orig", "swp", "j2", "jinja", "jinja2", "tmpl",
            "tpl", "template", "erb", "mustache");

    static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("examples"))) {
            p = p.getParent();
        }
        return p;
    }

    static boolean isDockerfileName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && NOT_DOCKERFILE_SUFFIXES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            return false;
        }
        return name.equals("Dockerfile") || name.equals("Containerfile") || name.endsWith(".Dockerfile")
                || name.endsWith(".dockerfile") || name.startsWith("Dockerfile.") || name.startsWith("Containerfile.");
    }

    static Stream<Path> corpus() throws IOException {
        return walk(f -> isDockerfileName(f.getFileName().toString())).stream();
    }

    private static List<Path> walk(java.util.function.Predicate<Path> keep) throws IOException {
        Path repo = repo();
        List<Path> found = new ArrayList<>();
        for (String root : ROOTS) {
            Path r = repo.resolve(root);
            if (!Files.isDirectory(r)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(r)) {
                s.filter(Files::isRegularFile).filter(keep).forEach(found::add);
            }
        }
        return found.stream().sorted().toList();
    }

    static Path expectedFile(Path dockerfile) {
        return dockerfile.resolveSibling(dockerfile.getFileName().toString().toLowerCase(Locale.ROOT) + EXPECTED_SUFFIX);
    }

    /** The stable rendering the expected files hold. */
    static String render(Path file) throws IOException {
        Path repo = repo();
        String name = repo.relativize(file).toString().replace('\\', '/');
        List<String> lines = new ArrayList<>();
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String parseError = null;
        try {
            DockerfileParser.parse(name, text);
        } catch (DockerfileParseException e) {
            parseError = "parse-error " + Math.max(1, e.line()) + ":" + Math.max(1, e.column()) + " " + oneLine(e.problem());
        }
        // the default configuration, no ShellCheck: see the class comment
        for (Finding f : Linter.withBuiltinRules(LintConfig.empty()).lint(file, name)) {
            lines.add(f.line() + ":" + f.column() + " " + f.displayId() + " "
                    + f.severity().name().toLowerCase(Locale.ROOT) + " " + oneLine(f.message()));
        }
        lines.sort(CorpusTest::byPosition);
        StringBuilder sb = new StringBuilder();
        if (parseError != null) {
            sb.append(parseError).append('\n');
        }
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    private static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** Line, then column, numerically; then the rest of the text. */
    private static int byPosition(String a, String b) {
        int[] pa = position(a);
        int[] pb = position(b);
        int c = pa[0] != pb[0] ? Integer.compare(pa[0], pb[0]) : Integer.compare(pa[1], pb[1]);
        return c != 0 ? c : a.compareTo(b);
    }

    private static int[] position(String line) {
        String pos = line.substring(0, line.indexOf(' '));
        int colon = pos.indexOf(':');
        return new int[] {Integer.parseInt(pos.substring(0, colon)), Integer.parseInt(pos.substring(colon + 1))};
    }

    private static boolean updating() {
        return Boolean.getBoolean("lading.corpus.update") || "true".equals(System.getenv("LADING_CORPUS_UPDATE"));
    }

    @Test
    void theCorpusIsThere() throws IOException {
        // examples/hello, the fix corpus and the buildah differential contexts at least
        assertThat(corpus().count()).isGreaterThanOrEqualTo(11);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void findingsEqualTheExpectedFileBesideIt(Path file) throws IOException {
        String actual = render(file);
        Path expected = expectedFile(file);
        if (updating()) {
            Files.writeString(expected, actual);
        }
        assertThat(expected).as("expected findings for " + file + "; write them with -Dlading.corpus.update=true")
                .isRegularFile();
        assertThat(actual).as(repo().relativize(file) + " (expected: " + repo().relativize(expected)
                        + "; refresh with -Dlading.corpus.update=true after review)")
                .isEqualTo(Files.readString(expected));
    }

    @Test
    void everyExpectedFileBelongsToADockerfile() throws IOException {
        Set<Path> wanted = new HashSet<>();
        for (Path f : corpus().toList()) {
            // two Dockerfiles whose names differ only in case would share an expected file
            assertThat(wanted.add(expectedFile(f))).as("two Dockerfiles map to " + expectedFile(f)).isTrue();
        }
        assertThat(walk(f -> f.getFileName().toString().endsWith(EXPECTED_SUFFIX)))
                .as("expected files whose Dockerfile is gone").allSatisfy(e -> assertThat(wanted).contains(e));
    }

    @Test
    void aFileThatDoesNotParseRecordsTheParseErrorFirst(@TempDir Path dir) throws IOException {
        // no fixture in the repository is malformed today; this is what its expected file would hold
        Path bad = dir.resolve("Dockerfile");
        Files.writeString(bad, "FROM debian:12\nRUN echo \"unterminated\nFROM\n");
        String rendered = render(bad);
        assertThat(rendered).startsWith("parse-error ");
        assertThat(rendered.lines().skip(1)).anyMatch(l -> l.contains(" error "));
    }

    @Test
    void expectedFilesAreNotTakenForDockerfiles() {
        assertThat(isDockerfileName("dockerfile" + EXPECTED_SUFFIX)).isFalse();
        assertThat(isDockerfileName("web.dockerfile" + EXPECTED_SUFFIX)).isFalse();
        assertThat(("web.dockerfile" + EXPECTED_SUFFIX).contains("Dockerfile")).isFalse();
    }
}
