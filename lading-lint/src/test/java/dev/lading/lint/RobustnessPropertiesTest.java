package dev.lading.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.shell.ShellParser;
import dev.lading.lint.shell.ShellScript;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the input, the shell parser answers and no rule throws. */
class RobustnessPropertiesTest {
    private static final List<String> SHELL_PIECES = List.of("apt-get", "install", "-y", "'", "\"", "\\", "\n", "$", "${",
            "}", "$(", ")", "(", "`", "|", "||", "&&", ";", "&", "<<", "EOF", ">", "2>&1", "#", "case", "esac", "for", "in",
            "do", "done", "if", "then", "fi", "{", "sh", "-c", "=", "X=1", " ", "\t", "--no-cache", "pip", "cd", "rm", "-rf",
            "/var/lib/apt/lists/*", "${A:-b}", "${A:?}", "$1", "npm", "ci");
    private static final List<String> DOCKERFILE_LINES = List.of("FROM debian:12", "FROM ${IMG} AS b", "FROM b", "ARG IMG",
            "ARG V=1", "ENV A=$V B", "RUN apt-get install -y curl=$V", "RUN <<EOF", "EOF", "RUN cd /x && make | tee log",
            "COPY . .", "COPY --from=b /x /y", "ADD https://x/y /z", "WORKDIR rel", "WORKDIR $UNSET", "USER $U", "USER 0",
            "CMD x", "ENTRYPOINT [\"a\"]", "HEALTHCHECK NONE", "SHELL [\"pwsh\", \"-c\"]", "LABEL a b", "MAINTAINER m",
            "RUN chown -R 1 /y", "# hadolint ignore=DL3008", "# check=skip=all", "ONBUILD RUN x", "EXPOSE 80",
            "RUN sh -c 'apk add x | y'", "\\", "  ", "RUN echo \"$(", "ENV X=${Y:-", "FROM scratch", "ARG BUILDPLATFORM");

    private static final List<String> COMPOSE_LINES = List.of("services:", "  web:", "  db: &db", "    image: nginx",
            "    image: ${IMG}:1", "    <<: *db", "    <<: [*db, *x]", "    read_only: true", "    read_only:", "    ports:",
            "      - \"8080:80\"", "      - \"[::1:80\"", "      - ${P}", "      - target: 80", "        host_ip: ::",
            "    environment:", "      - TOKEN=x", "      TOKEN: y", "      - A", "    cap_drop: [ALL", "    security_opt: ~",
            "    extends: db", "    extends: {file: x}", "    deploy: {resources: {limits: {cpus: 1}}}", "- item", "? key",
            ": value", "\t", "'", "\"", "&a", "*a", "x-base: &base", "# lading ignore=RT001", "---", "!!binary x", "{", "]",
            "  ", "key: |", "  block", "%YAML 1.2");

    @Provide
    Arbitrary<String> compose() {
        return Arbitraries.of(COMPOSE_LINES).list().ofMaxSize(25).map(l -> String.join("\n", l) + "\n");
    }

    /** A compose file that is not YAML is one RT000 finding; nothing else escapes as an exception. */
    @Property(tries = 2000)
    void noComposeInputThrows(@ForAll("compose") String text) {
        List<Finding> fs = ComposeLinter.withBuiltinRules(LintConfig.empty()).lint("compose.yaml", text);
        assertThat(fs).noneMatch(f -> f.message().startsWith(Linter.INTERNAL_ERROR));
        assertThat(fs).allSatisfy(f -> assertThat(f.line()).isPositive());
    }

    @Provide
    Arbitrary<String> shell() {
        return Arbitraries.of(SHELL_PIECES).list().ofMaxSize(40).map(l -> String.join(" ", l));
    }

    @Provide
    Arbitrary<String> dockerfile() {
        return Arbitraries.of(DOCKERFILE_LINES).list().ofMaxSize(25).map(l -> String.join("\n", l) + "\n");
    }

    @Property(tries = 3000)
    void shellParserNeverThrows(@ForAll("shell") String script) {
        ShellScript s = ShellParser.parse(script, Map.of("A", "x y"));
        assertThat(s.commands()).isNotNull();
    }

    @Property(tries = 1000)
    void noRuleThrows(@ForAll("dockerfile") String text) {
        List<Finding> fs = Linter.withBuiltinRules(LintConfig.empty()).lint("Dockerfile", text);
        assertThat(fs).noneMatch(f -> f.message().startsWith(Linter.INTERNAL_ERROR));
    }
}
