package dev.lading.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeLinterTest {
    private static final String HARDENED = """
            services:
              web:
                image: nginx:1.27
                read_only: true
                cap_drop: [ALL]
                security_opt: [no-new-privileges:true]
                ports: ["127.0.0.1:8080:80"]
                deploy:
                  resources:
                    limits: {cpus: "0.5", memory: 256M, pids: 100}
            """;

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }

    @Test
    void aHardenedServiceHasNoFindingAndABareOneHasOneForEveryRule() {
        ComposeLinter linter = ComposeLinter.withBuiltinRules(LintConfig.empty());
        assertThat(linter.lint("compose.yaml", HARDENED)).isEmpty();
        List<Finding> bare = linter.lint("compose.yaml", """
                services:
                  app:
                    image: app
                    privileged: true
                    ports: ["80:80"]
                    environment: {DB_PASSWORD: hunter2}
                """);
        assertThat(ids(bare)).containsExactlyInAnyOrder("RT001", "RT002", "RT003", "RT004", "RT005", "RT006", "RT007", "RT008");
        assertThat(bare).allSatisfy(f -> assertThat(f.file()).isEqualTo("compose.yaml"));
        assertThat(bare).filteredOn(f -> f.ruleId().equals("RT004")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(bare).filteredOn(f -> !f.ruleId().equals("RT004"))
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void pragmasCoverTheKeyAndWhatIsUnderIt() {
        ComposeLinter linter = ComposeLinter.withBuiltinRules(LintConfig.empty());
        String yaml = """
                services:
                  # lading ignore=RT001,RT006
                  web:
                    image: nginx:1.27
                    cap_drop: [ALL]
                    security_opt: [no-new-privileges]
                    # lading ignore=RT005
                    ports:
                      - "8080:80"
                    privileged: true
                """;
        assertThat(ids(linter.lint("compose.yaml", yaml))).containsExactly("RT004");
        assertThat(ids(linter.lint("compose.yaml", "# lading global ignore=RT004\n" + yaml))).isEmpty();
        // a blank line between the comment and the key ends the comment block: no longer a pragma for it
        assertThat(ids(linter.lint("compose.yaml", yaml.replace("# lading ignore=RT005\n", "# lading ignore=RT005\n\n"))))
                .contains("RT005");
    }

    @Test
    void configurationIgnoresOverridesAndPinsProfiles() throws Exception {
        String bare = "services:\n  app:\n    image: app:1\n    network_mode: host\n";
        LintConfig cfg = ConfigLoader.parse(Path.of(".lading.yaml"),
                "ignore: [RT001, RT002]\nseverity: {RT004: warning}\n", false);
        List<Finding> found = ComposeLinter.withBuiltinRules(cfg).lint("compose.yaml", bare);
        assertThat(ids(found)).doesNotContain("RT001", "RT002").contains("RT003", "RT004");
        assertThat(found).filteredOn(f -> f.ruleId().equals("RT004")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        // the RT rules are new in 2026.12: a pipeline pinned to 2026.11 does not get them
        LintConfig pinned = ConfigLoader.parse(Path.of(".lading.yaml"), "profile: \"2026.11\"\n", false);
        assertThat(ComposeLinter.withBuiltinRules(pinned).lint("compose.yaml", bare)).isEmpty();
        LintConfig noPragmas = ConfigLoader.parse(Path.of(".lading.yaml"), "disable-ignore-pragma: true\n", false);
        assertThat(ids(ComposeLinter.withBuiltinRules(noPragmas).lint("compose.yaml", "# lading global ignore=RT004\n" + bare)))
                .contains("RT004");
    }

    @Test
    void malformedYamlIsOneErrorWithPositionNeverAnException() {
        List<Finding> found = ComposeLinter.withBuiltinRules(LintConfig.empty())
                .lint("compose.yaml", "services:\n  web:\n    image: \"nginx\n    ports: [\n");
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo(ComposeLinter.PARSE_ERROR);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.line()).isGreaterThanOrEqualTo(3);
            assertThat(f.message()).startsWith("invalid YAML");
        });
        assertThat(ComposeLinter.withBuiltinRules(LintConfig.empty()).lint("compose.yaml", "\t- :\n  ][\n"))
                .extracting(Finding::ruleId).containsExactly(ComposeLinter.PARSE_ERROR);
    }

    @Test
    void extendsFromTheSameFileIsResolvedAndFromAnotherFileNothingAbsentIsReported() {
        ComposeLinter linter = ComposeLinter.withBuiltinRules(LintConfig.empty());
        String base = HARDENED.replace("services:\n", "services:\n  api:\n    extends: web\n    image: api:2.0.1\n");
        assertThat(linter.lint("compose.yaml", base)).isEmpty();
        List<Finding> other = linter.lint("compose.yaml", """
                services:
                  api:
                    extends: {file: common.yaml, service: base}
                    image: api:latest
                    privileged: true
                """);
        assertThat(ids(other)).containsExactlyInAnyOrder("RT004", "RT008");
        // a cycle is compose's error to report; the linter neither loops nor guesses
        assertThat(ids(linter.lint("compose.yaml", "services:\n  a: {extends: b, image: x:1}\n  b: {extends: a, image: y:1}\n")))
                .doesNotContain("RT001");
    }

    @Test
    void aliasesOfScalarAnchorsAreNotJudged() {
        String yaml = HARDENED + """
                  api:
                    image: &img api
                    read_only: true
                    cap_drop: [ALL]
                    security_opt: [no-new-privileges]
                    mem_limit: 1g
                    cpus: 1
                    pids_limit: 100
                    ports: [&p "8080:80"]
                  worker:
                    image: *img
                    read_only: true
                    cap_drop: [ALL]
                    security_opt: [no-new-privileges]
                    mem_limit: 1g
                    cpus: 1
                    pids_limit: 100
                    ports: [*p]
                    environment: {API_TOKEN: *img}
                """;
        // api's own values are judged; worker's aliases of scalar anchors are unknown values (see ComposeParser)
        assertThat(ComposeLinter.withBuiltinRules(LintConfig.empty()).lint("compose.yaml", yaml))
                .extracting(Finding::ruleId, Finding::line)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("RT008", 12),
                        org.assertj.core.groups.Tuple.tuple("RT005", 19));
    }
}
