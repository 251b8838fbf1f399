package dev.lading.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.rules.BuiltinRules;
import dev.lading.lint.rules.Dl3008AptPin;
import dev.lading.lint.rules.Ld004PinnedFrom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinterTest {

    private static List<String> ids(List<Finding> fs) {
        return fs.stream().map(f -> f.displayId() + "@" + f.line()).toList();
    }

    @Test
    void pragmasOnTheLineBeforeSilenceThatInstructionOnly() {
        Linter l = new Linter(List.of(new Ld004PinnedFrom(), new Dl3008AptPin()), LintConfig.empty());
        String df = """
                # lading ignore=LD004
                FROM debian:12 AS a
                # hadolint ignore=DL3008, LD004
                RUN apt-get install -y curl
                FROM debian:12
                RUN apt-get install -y curl
                """;
        assertThat(ids(l.lint("Dockerfile", df))).containsExactly("LD004@5", "DL3008@6");
    }

    @Test
    void globalPragmaAndCheckDirective() {
        Linter l = new Linter(List.of(new Ld004PinnedFrom(), new Dl3008AptPin()), LintConfig.empty());
        assertThat(ids(l.lint("Dockerfile", "# check=skip=LD004\nFROM debian:12\n# hadolint global ignore=DL3008\n"
                + "RUN apt-get install -y curl\n"))).isEmpty();
    }

    @Test
    void checkDirectiveParsesSkipAndError() throws Exception {
        var p = Pragmas.of(dev.lading.dockerfile.DockerfileParser.parse("Dockerfile",
                "# check=skip=JSONArgsRecommended,LD001;error=true\nFROM a\n"));
        assertThat(p.skipChecks()).containsExactlyInAnyOrder("JSONArgsRecommended", "LD001");
        assertThat(p.checksAreErrors()).isTrue();
        assertThat(p.ignores("LD001", 9)).isTrue();
        assertThat(p.ignores("LD004", 9)).isFalse();
    }

    @Test
    void configIgnoresAndOverridesSeverity() {
        LintConfig c = new LintConfig(Set.of("DL3008"), Map.of("LD004", Severity.ERROR), Optional.empty(), List.of(),
                Map.of(), false, Map.of(), List.of());
        List<Finding> fs = new Linter(List.of(new Ld004PinnedFrom(), new Dl3008AptPin()), c)
                .lint("Dockerfile", "FROM debian:12\nRUN apt-get install -y curl\n");
        assertThat(fs).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("LD004");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @Test
    void checkDirectiveErrorTrueRaisesBuildKitChecksOnly() {
        Linter l = new Linter(List.of(new dev.lading.lint.rules.StageNameCasing(), new Ld004PinnedFrom()), LintConfig.empty());
        List<Finding> fs = l.lint("Dockerfile", "# check=error=true\nFROM a:1 AS Build\n");
        assertThat(fs).extracting(f -> f.ruleId() + ":" + f.severity())
                .containsExactlyInAnyOrder("StageNameCasing:ERROR", "LD004:WARNING");
        assertThat(l.lint("Dockerfile", "# check=skip=all\nFROM a:1 AS Build\n")).extracting(Finding::ruleId)
                .containsExactly("LD004");
    }

    @Test
    void aRuleThatThrowsIsReportedAndTheOthersStillRun() {
        Rule broken = new Rule() {
            public String id() {
                return "LD999";
            }

            public Severity defaultSeverity() {
                return Severity.INFO;
            }

            public String description() {
                return "broken";
            }

            public void check(LintContext c, FindingSink f) {
                throw new IllegalStateException("boom");
            }
        };
        List<Finding> fs = new Linter(List.of(broken, new Ld004PinnedFrom()), LintConfig.empty()).lint("Dockerfile", "FROM a:1\n");
        assertThat(fs).extracting(Finding::ruleId).containsExactly("LD004", "LD999");
        assertThat(fs.get(1).message()).startsWith(Linter.INTERNAL_ERROR).contains("boom");
        assertThat(fs.get(1).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void parseErrorsAreOneFindingWithPosition() {
        List<Finding> fs = Linter.withBuiltinRules(LintConfig.empty()).lint("Dockerfile", "FROM a\nFOO bar\n");
        assertThat(fs).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("DL1000");
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @Test
    void anOnbuildTriggerBuildKitRefusesIsReportedUnderHadolintsCode() {
        for (String trigger : List.of("ONBUILD RUN true", "FROM debian:12", "maintainer me")) {
            List<Finding> fs = Linter.withBuiltinRules(LintConfig.empty()).lint("Dockerfile", "FROM a:1\nONBUILD " + trigger + "\n");
            assertThat(fs).singleElement().satisfies(f -> {
                assertThat(f.ruleId()).isEqualTo("DL3043");
                assertThat(f.line()).isEqualTo(2);
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
            });
        }
        assertThat(Linter.withBuiltinRules(LintConfig.empty()).lint("Dockerfile", "FROM a:1\nONBUILD RUN make\n"))
                .noneMatch(f -> f.ruleId().equals("DL3043") || f.ruleId().equals("DL1000"));
    }

    @Test
    void offByDefaultRulesRunWhenEnabledOrGivenASeverity() {
        String df = "FROM debian:12\n# hadolint ignore=DL3008\nRUN true\n";
        assertThat(ids(Linter.withBuiltinRules(LintConfig.empty()).lint("Dockerfile", df))).noneMatch(id -> id.contains("DL1001") || id.contains("DL3057"));
        LintConfig enabled = RuleTester.enabling("DL1001", "DL3057");
        assertThat(ids(Linter.withBuiltinRules(enabled).lint("Dockerfile", df))).contains("DL1001@2", "LD013/DL3057@1");
        // hadolint's way: a severity override turns an "ignore" rule on
        LintConfig override = new LintConfig(Set.of(), Map.of("DL1001", Severity.WARNING), Optional.empty(), List.of(),
                Map.of(), false, Map.of(), List.of());
        assertThat(Linter.withBuiltinRules(override).lint("Dockerfile", df)).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("DL1001");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void aPinnedProfileRunsOnlyTheRulesItShipped() {
        String df = "FROM debian:12\nRUN go install example.com/tool\n";
        assertThat(ids(Linter.withBuiltinRules(LintConfig.empty()).lint("Dockerfile", df))).contains("DL3062@2");
        LintConfig pinned = new LintConfig(Set.of(), Map.of(), Optional.empty(), List.of(), Map.of(), false, Map.of(),
                List.of(), Set.of(), Optional.of(Profiles.FIRST));
        List<String> old = ids(Linter.withBuiltinRules(pinned).lint("Dockerfile", df));
        assertThat(old).noneMatch(id -> id.startsWith("DL3062")).anyMatch(id -> id.startsWith("LD004"));
        // naming a newer rule explicitly is asking for it, pin or not
        LintConfig asked = new LintConfig(Set.of(), Map.of("DL3062", Severity.ERROR), Optional.empty(), List.of(), Map.of(),
                false, Map.of(), List.of(), Set.of(), Optional.of(Profiles.FIRST));
        assertThat(ids(Linter.withBuiltinRules(asked).lint("Dockerfile", df))).contains("DL3062@2");
    }

    /**
     * The rules of the first profile, frozen: a rule added later must say {@code since()} its own newer
     * profile, or pinned pipelines would start failing on it. Only ever remove an ID here with its rule.
     */
    private static final Set<String> FIRST_PROFILE = Set.of("LD001", "LD002", "LD003", "LD004", "LD005", "LD006",
            "LD007", "LD008", "LD009", "LD010", "LD011", "LD012", "LD013", "LD014", "LD015", "LD016", "LD017", "LD018",
            "LD019", "LD020", "LD021", "LD022", "LD023", "LD024", "LD025", "DL3000", "DL3001", "DL3002", "DL3003",
            "DL3004", "DL3006", "DL3007", "DL3008", "DL3009", "DL3010", "DL3011", "DL3012", "DL3013", "DL3014", "DL3015",
            "DL3016", "DL3018", "DL3019", "DL3020", "DL3021", "DL3022", "DL3023", "DL3024", "DL3025", "DL3026", "DL3027",
            "DL3028", "DL3029", "DL3030", "DL3032", "DL3033", "DL3034", "DL3035", "DL3036", "DL3037", "DL3038", "DL3040",
            "DL3041", "DL3042", "DL3044", "DL3045", "DL3046", "DL3047", "DL3048", "DL3049", "DL3055", "DL3056", "DL3058",
            "DL3059", "DL3060", "DL3061", "DL4000", "DL4001", "DL4003", "DL4004", "DL4005", "DL4006",
            "ConsistentInstructionCasing", "DuplicateStageName", "FromAsCasing", "LegacyKeyValueFormat",
            "MaintainerDeprecated", "ReservedStageName", "StageNameCasing", "JSONArgsRecommended", "UndefinedVar",
            "UndefinedArgInFrom", "MultipleInstructionsDisallowed", "WorkdirRelativePath", "SecretsUsedInArgOrEnv",
            "CopyIgnoredFile", "InvalidDefaultArgInFrom");

    @Test
    void theFirstProfileIsFrozenAndEveryRuleNamesAKnownProfile() {
        List<Rule> rules = BuiltinRules.all();
        assertThat(rules).allSatisfy(r -> assertThat(Profiles.ALL).contains(r.since()));
        assertThat(rules.stream().filter(r -> r.since().equals(Profiles.FIRST)).map(Rule::id).toList())
                .containsExactlyInAnyOrderElementsOf(FIRST_PROFILE);
    }

    @Test
    void aFindingAboutOneCommandOfAMultiLineRunPointsAtThatCommandsLine() {
        String df = """
                FROM debian:12
                RUN set -e; \\
                    apt-get update && \\
                    # BuildKit drops this comment line
                    apt-get install -y curl && echo apt-get && \\
                    apt-get install wget && rm -rf /var/lib/apt/lists/*
                RUN apt-get install -y curl && \\
                    true
                """;
        List<Finding> fs = new Linter(List.of(new dev.lading.lint.rules.Dl3014AptYes(), new dev.lading.lint.rules.Dl3008AptPin(),
                new dev.lading.lint.rules.Ld007AptGet(), new dev.lading.lint.rules.Dl3015NoInstallRecommends()),
                LintConfig.empty()).lint("Dockerfile", df);
        assertThat(ids(fs)).containsExactly("DL3008@5", "LD007/DL3015@5", "DL3008@6", "LD007/DL3014/DL3015@6",
                "DL3008@7", "LD007/DL3015@7");
        // the command's own column and line; the RUN's first line keeps the whole RUN's range
        assertThat(fs.get(1).column()).isEqualTo(5);
        assertThat(fs.get(2).range()).isEqualTo(dev.lading.dockerfile.SourceRange.of(6, 5, 6, 56));
        assertThat(fs.get(4).range()).isEqualTo(dev.lading.dockerfile.SourceRange.of(7, 1, 8, 9));
    }

    @Test
    void aNamedUserIsOneFindingOfLd005AndDl3066InTheFinalStage() {
        String df = "FROM debian:12 AS build\nUSER builder\nFROM debian:12\nUSER app\n";
        assertThat(ids(Linter.withBuiltinRules(LintConfig.empty()).lint("Dockerfile", df)))
                .contains("DL3066@2", "LD005/DL3066@4").doesNotContain("LD005@4", "DL3066@4");
    }

    @Test
    void ruleIdsAreUniqueAndEveryRuleDescribesItself() {
        List<Rule> rules = BuiltinRules.all();
        assertThat(rules.stream().map(Rule::id).distinct().count()).isEqualTo(rules.size());
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.id()).matches("LD\\d{3}|DL\\d{4}|[A-Z][A-Za-z]+");
            assertThat(r.description()).isNotBlank();
        });
    }

    @Test
    void theHelloExampleOnlyLacksADockerignore() throws Exception {
        Path example = exampleDir().resolve("hello/Dockerfile");
        List<Finding> fs = Linter.withBuiltinRules(LintConfig.empty()).lint(example);
        // the example follows every standard lading checks: it must lint clean
        assertThat(fs).isEmpty();
    }

    @Test
    void aTypicalBadDockerfileGetsTheExpectedFindings() {
        String df = """
                FROM python:latest
                RUN apt-get update && apt-get install curl
                RUN cd /app && pip install -r requirements.txt
                ADD . /app
                CMD python app.py
                """;
        assertThat(ids(Linter.withBuiltinRules(LintConfig.empty()).lint("Dockerfile", df))).containsExactlyInAnyOrder(
                "LD001@1", "LD003@1", "LD004/DL3007@1", "LD005@1", "LD013@1", "LD014@1",
                "LD007/LD017/DL3009/DL3014/DL3015@2", "DL3008@2",
                "LD009/DL3003@3", "LD017/LD022/DL3042@3", "LD023@3", "DL3059@3",
                "LD010/DL3020@4", "LD008/DL3025/JSONArgsRecommended@5");
    }

    @Test
    void twinsAreOneFindingNamingEveryIdAtTheHighestSeverity() {
        Linter l = new Linter(List.of(new Ld004PinnedFrom(), new dev.lading.lint.rules.Dl3007LatestTag()),
                new LintConfig(Set.of(), Map.of("DL3007", Severity.ERROR), Optional.empty(), List.of(), Map.of(),
                        false, Map.of(), List.of()));
        List<Finding> fs = l.lint("Dockerfile", "FROM debian:latest\n");
        assertThat(fs).singleElement().satisfies(f -> {
            assertThat(f.displayId()).isEqualTo("LD004/DL3007");
            assertThat(f.ruleId()).isEqualTo("LD004");
            assertThat(f.ids()).containsExactly("LD004", "DL3007");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("latest");
        });
    }

    @Test
    void ignoringOneTwinLeavesTheOtherUnderItsOwnName() {
        List<Rule> rules = List.of(new Ld004PinnedFrom(), new dev.lading.lint.rules.Dl3007LatestTag());
        Linter l = new Linter(rules, LintConfig.empty());
        assertThat(ids(l.lint("Dockerfile", "# hadolint ignore=DL3007\nFROM debian:latest\n"))).containsExactly("LD004@2");
        assertThat(ids(l.lint("Dockerfile", "# lading ignore=LD004\nFROM debian:latest\n"))).containsExactly("DL3007@2");
        assertThat(ids(new Linter(rules, LintConfig.empty().withIgnored(Set.of("LD004")))
                .lint("Dockerfile", "FROM debian:latest\n"))).containsExactly("DL3007@1");
        assertThat(ids(l.lint("Dockerfile", "# hadolint global ignore=LD004,DL3007\nFROM debian:latest\n"))).isEmpty();
    }

    @Test
    void findingsOfTwinsAtDifferentPlacesStaySeparate() {
        Linter l = new Linter(List.of(new Ld004PinnedFrom(), new dev.lading.lint.rules.Dl3007LatestTag()),
                LintConfig.empty());
        // LD004 fires on both lines (the second is not pinned by digest), DL3007 only on the :latest one
        assertThat(ids(l.lint("Dockerfile", "FROM debian:latest AS a\nFROM debian:12\n")))
                .containsExactly("LD004/DL3007@1", "LD004@2");
    }

    @Test
    void theSameRuleTwiceAtOnePlaceIsNotMerged() {
        Linter l = new Linter(List.of(new dev.lading.lint.rules.Ld007AptGet()), LintConfig.empty());
        assertThat(ids(l.lint("Dockerfile", "FROM debian:12\nRUN apt-get update && apt-get install curl\n")))
                .containsExactly("LD007@2", "LD007@2");
    }

    static Path exampleDir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("examples"))) {
            p = p.getParent();
        }
        return p.resolve("examples");
    }
}
