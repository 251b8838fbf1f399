package dev.lading.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.config.ConfigLoader;
import dev.lading.lint.rules.BuiltinRules;
import dev.lading.lint.rules.ComposeRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code docs/rules/ID.md}: every ID the linter can report has a page (the text output links there), and each
 * page's examples are true: its "Bad" example makes the rule fire and its "Good" example does not, under the
 * page's own "Configuration" block when it has one.
 */
class RuleDocsTest {
    /** Rules whose examples need files beside the Dockerfile (a .dockerignore); their pages show those as text. */
    private static final Set<String> NEEDS_FILES = Set.of("LD015", "CopyIgnoredFile");
    /**
     * Rules that judge what only a build knows (the platform a base image resolved to); plain lint gives them
     * nothing, so their Bad example cannot fire here. Their own tests pass those inputs.
     */
    private static final Set<String> NEEDS_BUILD = Set.of("InvalidBaseImagePlatform");

    private static final Pattern SECTION = Pattern.compile("## (Bad|Good|Configuration)\\n.*?```(\\w+)\\n(.*?)\\n```",
            Pattern.DOTALL);

    static Path docs() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("docs/rules"))) {
            p = p.getParent();
        }
        return p.resolve("docs/rules");
    }

    private record Page(String bad, String good, Optional<String> config) {
        static Page read(Path file) throws Exception {
            String text = Files.readString(file);
            String bad = null;
            String good = null;
            String config = null;
            Matcher m = SECTION.matcher(text);
            while (m.find()) {
                switch (m.group(1)) {
                    case "Bad" -> bad = m.group(3) + "\n";
                    case "Good" -> good = m.group(3) + "\n";
                    default -> config = m.group(3) + "\n";
                }
            }
            assertThat(bad).as(file + " has a Bad example").isNotNull();
            assertThat(good).as(file + " has a Good example").isNotNull();
            return new Page(bad, good, Optional.ofNullable(config));
        }
    }

    @Test
    void everyRegisteredRuleAndEveryLinterCodeHasAPage() {
        List<String> ids = new ArrayList<>(BuiltinRules.all().stream().map(Rule::id).toList());
        ids.addAll(ComposeRules.all().stream().map(ComposeRule::id).toList());
        ids.add(Linter.PARSE_ERROR);
        ids.add(Linter.ONBUILD_TRIGGER);
        ids.add(ComposeLinter.PARSE_ERROR);
        assertThat(ids).allSatisfy(id -> assertThat(docs().resolve(id + ".md")).isRegularFile());
        String index = uncheckedRead(docs().resolve("README.md"));
        assertThat(ids).allSatisfy(id -> assertThat(index).contains("[" + id + "](" + id + ".md)"));
        // lading's own rules link to these pages from the text output
        BuiltinRules.all().stream().filter(r -> r.id().startsWith("LD"))
                .forEach(r -> assertThat(r.docUrl()).isEqualTo("docs/rules/" + r.id() + ".md"));
        ComposeRules.all().forEach(r -> assertThat(r.docUrl()).isEqualTo("docs/rules/" + r.id() + ".md"));
    }

    @TestFactory
    Stream<DynamicTest> theExamplesOfEveryPageAreTrue() {
        return BuiltinRules.all().stream().filter(r -> !NEEDS_FILES.contains(r.id()) && !NEEDS_BUILD.contains(r.id())).map(rule ->
                DynamicTest.dynamicTest(rule.id(), () -> {
                    Page page = Page.read(docs().resolve(rule.id() + ".md"));
                    LintConfig config = page.config().isPresent()
                            ? ConfigLoader.parse(Path.of(".lading.yaml"), page.config().get(), false) : LintConfig.empty();
                    Linter linter = new Linter(List.of(rule), config);
                    assertThat(linter.lint("Dockerfile", page.bad())).as(rule.id() + " fires on the Bad example:\n" + page.bad())
                            .extracting(Finding::ruleId).contains(rule.id());
                    assertThat(linter.lint("Dockerfile", page.good())).as(rule.id() + " is silent on the Good example:\n" + page.good())
                            .isEmpty();
                }));
    }

    /** Compose rules' pages show compose files: their examples are linted as one. */
    @TestFactory
    Stream<DynamicTest> theComposeExamplesOfEveryPageAreTrue() {
        return ComposeRules.all().stream().map(rule ->
                DynamicTest.dynamicTest(rule.id(), () -> {
                    Page page = Page.read(docs().resolve(rule.id() + ".md"));
                    LintConfig config = page.config().isPresent()
                            ? ConfigLoader.parse(Path.of(".lading.yaml"), page.config().get(), false) : LintConfig.empty();
                    ComposeLinter linter = new ComposeLinter(List.of(rule), config);
                    assertThat(linter.lint("compose.yaml", page.bad())).as(rule.id() + " fires on the Bad example:\n" + page.bad())
                            .extracting(Finding::ruleId).contains(rule.id());
                    assertThat(linter.lint("compose.yaml", page.good())).as(rule.id() + " is silent on the Good example:\n" + page.good())
                            .isEmpty();
                    assertThat(Files.readString(docs().resolve(rule.id() + ".md")))
                            .contains("| Severity | " + rule.defaultSeverity().label() + " |")
                            .contains("| Profile | " + rule.since() + " ");
                }));
    }

    @Test
    void theLinterCodesPagesAreTrueToo() throws Exception {
        for (String id : List.of(Linter.PARSE_ERROR, Linter.ONBUILD_TRIGGER)) {
            Page page = Page.read(docs().resolve(id + ".md"));
            Linter all = Linter.withBuiltinRules(LintConfig.empty());
            assertThat(all.lint("Dockerfile", page.bad())).extracting(Finding::ruleId).containsExactly(id);
            assertThat(all.lint("Dockerfile", page.good())).extracting(Finding::ruleId).doesNotContain(id);
        }
        Page page = Page.read(docs().resolve(ComposeLinter.PARSE_ERROR + ".md"));
        ComposeLinter compose = ComposeLinter.withBuiltinRules(LintConfig.empty());
        assertThat(compose.lint("compose.yaml", page.bad())).extracting(Finding::ruleId).containsExactly(ComposeLinter.PARSE_ERROR);
        assertThat(compose.lint("compose.yaml", page.good())).extracting(Finding::ruleId).doesNotContain(ComposeLinter.PARSE_ERROR);
    }

    @Test
    void thePagesArePackagedForExplain() throws Exception {
        assertThat(RuleDocs.page("DL3008")).contains(Files.readString(docs().resolve("DL3008.md")));
        assertThat(RuleDocs.page("SC2086")).contains(Files.readString(docs().resolve("SC.md")));
        assertThat(RuleDocs.page("RT005")).contains(Files.readString(docs().resolve("RT005.md")));
        assertThat(RuleDocs.page("NOPE123")).isEmpty();
        assertThat(RuleDocs.page("../pom")).isEmpty();
    }

    private static String uncheckedRead(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
