package dev.lading.dockerfile;

import static dev.lading.dockerfile.ParserTestSupport.error;
import static dev.lading.dockerfile.ParserTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstructionsTest {

    private static final String F = "FROM scratch\n";

    @Test
    void fromWithPlatformAndName() {
        From f = only("FROM --platform=linux/arm64 golang:1.22@sha256:abc AS builder\n", From.class);
        assertThat(f.image()).isEqualTo("golang:1.22@sha256:abc");
        assertThat(f.platform()).contains("linux/arm64");
        assertThat(f.name()).contains("builder");
        assertThat(f.flags()).containsExactly(new Flag("platform", Optional.of("linux/arm64"), SourceRange.of(1, 6, 1, 28)));
    }

    @Test
    void fromErrors() {
        DockerfileParseException missing = error("FROM\n");
        assertThat(missing.problem()).contains("FROM requires either one or three arguments");
        assertThat(missing.hint()).contains("base image");
        assertThat(error("FROM a b\n").problem()).isEqualTo("FROM requires either one or three arguments");
        assertThat(error("FROM a AS 1st\n").problem())
                .isEqualTo("invalid name for build stage: \"1st\", name can't start with a number or contain symbols");
        // "--platform VALUE" leaves VALUE as an argument: BuildKit reports the argument count first
        DockerfileParseException spaced = error("FROM --platform linux/amd64 alpine\n");
        assertThat(spaced.problem()).isEqualTo("FROM requires either one or three arguments");
        assertThat(spaced.hint()).contains("--platform=VALUE");
        DockerfileParseException unknown = error("FROM --platfrom=x alpine\n");
        assertThat(unknown.problem()).isEqualTo("unknown flag: --platfrom for FROM");
        assertThat(unknown.hint()).contains("did you mean --platform?");
        assertThat(unknown.column()).isEqualTo(6);
    }

    @Test
    void runShellAndExecForms() {
        assertThat(only(F + "RUN echo \"a  b\" 'c'\n", Run.class).command())
                .isEqualTo(new CommandForm.ShellForm("echo \"a  b\" 'c'"));
        assertThat(only(F + "RUN [\"/bin/sh\", \"-c\", \"echo $X\"]\n", Run.class).command())
                .isEqualTo(new CommandForm.ExecForm(List.of("/bin/sh", "-c", "echo $X")));
    }

    @Test
    void invalidJsonFallsBackToShellForm() {
        assertThat(only(F + "CMD ['single', 'quotes']\n", Cmd.class).command())
                .contains(new CommandForm.ShellForm("['single', 'quotes']"));
        assertThat(only(F + "ENTRYPOINT [\"unterminated\"\n", Entrypoint.class).command())
                .contains(new CommandForm.ShellForm("[\"unterminated\""));
        assertThat(only(F + "CMD [\"a\",]\n", Cmd.class).command()).contains(new CommandForm.ShellForm("[\"a\",]"));
    }

    @Test
    void textAfterTheJsonArrayIsIgnoredLikeGoJsonDecoder() {
        assertThat(only(F + "CMD [\"echo\", \"hi\"] and more\n", Cmd.class).command())
                .contains(new CommandForm.ExecForm(List.of("echo", "hi")));
    }

    @Test
    void jsonArrayOfNonStringsIsAnError() {
        assertThat(error(F + "CMD [\"echo\", 1]\n").problem())
                .isEqualTo("when using JSON array syntax, arrays must be comprised of strings only");
        assertThat(error(F + "COPY [\"a\", null]\n").problem()).contains("strings only");
    }

    @Test
    void emptyJsonArrayAndNoArguments() {
        assertThat(only(F + "CMD []\n", Cmd.class).command()).contains(new CommandForm.ExecForm(List.of()));
        assertThat(only(F + "CMD\n", Cmd.class).command()).isEmpty();
        assertThat(only(F + "ENTRYPOINT\n", Entrypoint.class).command()).isEmpty();
        assertThat(only(F + "CMD [\"a\\u00e9\\n\"]\n", Cmd.class).command()).contains(new CommandForm.ExecForm(List.of("a\u00e9\n")));
    }

    @Test
    void runFlagsNetworkAndSecurity() {
        Run r = only(F + "RUN --network=none --security=insecure make\n", Run.class);
        assertThat(r.network()).contains("none");
        assertThat(r.security()).contains("insecure");
        assertThat(error(F + "RUN --network=bridge x\n").problem()).isEqualTo("unsupported network mode \"bridge\"");
        assertThat(error(F + "RUN --security=root x\n").problem()).isEqualTo("unsupported security mode \"root\"");
        assertThat(error(F + "RUN --network=none --network=host x\n").problem()).isEqualTo("duplicate flag specified: --network");
        assertThat(error(F + "RUN --network=$NET x\n").problem()).isEqualTo("unsupported network mode \"$NET\"");
    }

    @Test
    void flagValuesLoseQuotesAndBackslashEscapes() {
        Copy c = only(F + "COPY --chown=\"app user\":'grp' --chmod=7\\55 a b\n", Copy.class);
        assertThat(c.chown()).contains("app user:grp");
        assertThat(c.chmod()).contains("755");
    }

    @Test
    void doubleDashEndsFlags() {
        Run r = only(F + "RUN --network=none -- --not-a-flag\n", Run.class);
        assertThat(r.flags()).hasSize(1);
        assertThat(r.command()).isEqualTo(new CommandForm.ShellForm("--not-a-flag"));
    }

    @Test
    void singleDashWordsAreArguments() {
        Run r = only(F + "RUN -v\n", Run.class);
        assertThat(r.flags()).isEmpty();
        assertThat(r.command()).isEqualTo(new CommandForm.ShellForm("-v"));
    }

    @Test
    void copyWithEveryFlag() {
        Copy c = only(F + "COPY --from=build --chown=10:10 --chmod=0644 --link --parents --exclude=*.md --exclude=tmp/ src/ lib/ /app/\n", Copy.class);
        assertThat(c.from()).contains("build");
        assertThat(c.chown()).contains("10:10");
        assertThat(c.chmod()).contains("0644");
        assertThat(c.link()).isTrue();
        assertThat(c.parents()).isTrue();
        assertThat(c.excludes()).containsExactly("*.md", "tmp/");
        assertThat(c.sources()).containsExactly("src/", "lib/");
        assertThat(c.destination()).isEqualTo("/app/");
        assertThat(c.json()).isFalse();
    }

    @Test
    void copyJsonFormAndBooleanFlagValues() {
        Copy c = only(F + "COPY --link=false [\"a b\", \"/c d/\"]\n", Copy.class);
        assertThat(c.json()).isTrue();
        assertThat(c.sources()).containsExactly("a b");
        assertThat(c.destination()).isEqualTo("/c d/");
        assertThat(c.link()).isFalse();
        assertThat(only(F + "COPY --link=TRUE a b\n", Copy.class).link()).isTrue();
    }

    @Test
    void copyAndAddErrors() {
        assertThat(error(F + "COPY onlyone\n").problem()).startsWith("COPY requires at least two arguments");
        assertThat(error(F + "COPY --link=maybe a b\n").problem()).isEqualTo("expecting boolean value for flag link, not: maybe");
        assertThat(error(F + "COPY --link= a b\n").problem()).isEqualTo("missing a value on flag: --link");
        assertThat(error(F + "COPY --from a b\n").problem()).isEqualTo("missing a value on flag: --from");
        assertThat(error(F + "COPY --checksum=sha256:x a b\n").problem()).isEqualTo("unknown flag: --checksum for COPY");
        assertThat(error(F + "ADD --parents a b\n").problem()).isEqualTo("unknown flag: --parents for ADD");
        assertThat(error(F + "ADD\n").problem()).startsWith("ADD requires at least two arguments");
    }

    @Test
    void addWithEveryFlag() {
        Add a = only(F + "ADD --chown=1 --chmod=600 --link --exclude=x --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d --keep-git-dir=true --unpack=false https://example.com/a.tar.gz /opt/\n", Add.class);
        assertThat(a.checksum()).contains("sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d");
        assertThat(a.keepGitDir()).isTrue();
        assertThat(a.unpack()).contains(false);
        assertThat(a.link()).isTrue();
        assertThat(a.excludes()).containsExactly("x");
        assertThat(only(F + "ADD a b\n", Add.class).unpack()).isEmpty();
    }

    @Test
    void labelPairsKeepQuotesUntilExpansion() {
        Label l = only(F + "LABEL a=1 \"b c\"=\"d e\" f='g h' version=1.0\\ beta\n", Label.class);
        assertThat(l.pairs()).containsExactly(
                new KeyValue("a", "1", false),
                new KeyValue("\"b c\"", "\"d e\"", false),
                new KeyValue("f", "'g h'", false),
                new KeyValue("version", "1.0\\ beta", false));
    }

    @Test
    void legacyKeyValueForm() {
        Env e = only(F + "ENV PATH /usr/local/bin:$PATH   more  words\n", Env.class);
        assertThat(e.pairs()).containsExactly(new KeyValue("PATH", "/usr/local/bin:$PATH   more  words", true));
        Label l = only(F + "LABEL maintainer someone@example.com\n", Label.class);
        assertThat(l.pairs()).containsExactly(new KeyValue("maintainer", "someone@example.com", true));
    }

    @Test
    void envErrors() {
        assertThat(error(F + "ENV A=1 B\n").problem()).isEqualTo("Syntax error - can't find = in \"B\". Must be of the form: name=value");
        assertThat(error(F + "ENV =1\n").problem()).isEqualTo("ENV names can not be blank");
        assertThat(error(F + "ENV\n").problem()).isEqualTo("ENV requires at least one argument");
        assertThat(error(F + "LABEL onlykey\n").problem()).isEqualTo("LABEL must have two arguments");
    }

    @Test
    void envEscapeKeepsSpaceInsideWordAndEmptyValue() {
        Env e = only(F + "ENV A=a\\ b C= D=\"\"\n", Env.class);
        assertThat(e.pairs()).containsExactly(new KeyValue("A", "a\\ b", false), new KeyValue("C", "", false),
                new KeyValue("D", "\"\"", false));
    }

    @Test
    void argDeclarations() {
        Arg a = (Arg) ParserTestSupport.parse("ARG A B=2 C=\"x y\" D=\nFROM a\n").globalArgs().get(0);
        assertThat(a.declarations()).containsExactly(
                new ArgDeclaration("A", Optional.empty()),
                new ArgDeclaration("B", Optional.of("2")),
                new ArgDeclaration("C", Optional.of("\"x y\"")),
                new ArgDeclaration("D", Optional.of("")));
        assertThat(error("ARG =x\nFROM a\n").problem()).isEqualTo("ARG names can not be blank");
        assertThat(error("ARG\nFROM a\n").problem()).isEqualTo("ARG requires at least one argument");
    }

    @Test
    void simpleStringInstructions() {
        assertThat(only(F + "USER app:app\n", User.class).user()).isEqualTo("app:app");
        assertThat(only(F + "USER a b\n", User.class).user()).isEqualTo("a b");
        assertThat(only(F + "WORKDIR /my dir\n", Workdir.class).path()).isEqualTo("/my dir");
        assertThat(only(F + "STOPSIGNAL SIGKILL\n", StopSignal.class).signal()).isEqualTo("SIGKILL");
        assertThat(only(F + "MAINTAINER Jane <j@x>\n", Maintainer.class).name()).isEqualTo("Jane <j@x>");
        assertThat(error(F + "USER\n").problem()).isEqualTo("USER requires exactly one argument");
        assertThat(error(F + "WORKDIR --x=1 /a\n").problem()).isEqualTo("unknown flag: --x for WORKDIR");
    }

    @Test
    void stopSignalAndArgFlagsAreNotCheckedLikeBuildKit() {
        StopSignal s = only(F + "STOPSIGNAL --whatever SIGTERM\n", StopSignal.class);
        assertThat(s.signal()).isEqualTo("SIGTERM");
        assertThat(s.flags()).extracting(Flag::name).containsExactly("whatever");
    }

    @Test
    void exposeAndVolume() {
        assertThat(only(F + "EXPOSE 80/tcp  443 \"8080\"\n", Expose.class).ports()).containsExactly("80/tcp", "443", "\"8080\"");
        Volume v = only(F + "VOLUME /a /b\n", Volume.class);
        assertThat(v.paths()).containsExactly("/a", "/b");
        assertThat(v.json()).isFalse();
        Volume j = only(F + "VOLUME [\"/data\", \" /logs \"]\n", Volume.class);
        assertThat(j.paths()).containsExactly("/data", "/logs");
        assertThat(j.json()).isTrue();
        assertThat(error(F + "VOLUME [\"/a\", \" \"]\n").problem()).isEqualTo("VOLUME specified can not be an empty string");
        assertThat(error(F + "VOLUME []\n").problem()).isEqualTo("VOLUME requires at least one argument");
        assertThat(error(F + "EXPOSE\n").problem()).isEqualTo("EXPOSE requires at least one argument");
    }

    @Test
    void shellMustBeJson() {
        assertThat(only(F + "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n", Shell.class).shell())
                .containsExactly("/bin/bash", "-o", "pipefail", "-c");
        assertThat(error(F + "SHELL /bin/bash -c\n").problem()).isEqualTo("SHELL requires the arguments to be in JSON form");
        assertThat(error(F + "SHELL []\n").problem()).isEqualTo("SHELL requires at least one argument");
    }

    @Test
    void healthcheckForms() {
        Healthcheck none = only(F + "HEALTHCHECK none\n", Healthcheck.class);
        assertThat(none.isNone()).isTrue();
        Healthcheck h = only(F + "HEALTHCHECK --interval=5m --timeout=3s --start-period=1m30s --start-interval=500ms --retries=0 CMD [\"curl\", \"-f\", \"http://localhost/\"]\n", Healthcheck.class);
        assertThat(h.command()).contains(new CommandForm.ExecForm(List.of("curl", "-f", "http://localhost/")));
        assertThat(h.interval()).contains("5m");
        assertThat(h.startInterval()).contains("500ms");
        assertThat(h.retries()).contains(0);
        Healthcheck shell = only(F + "HEALTHCHECK cmd curl -f localhost || exit 1\n", Healthcheck.class);
        assertThat(shell.command()).contains(new CommandForm.ShellForm("curl -f localhost || exit 1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HEALTHCHECK NONE extra|HEALTHCHECK NONE takes no arguments",
            "HEALTHCHECK CURL x|Unknown type \"CURL\" in HEALTHCHECK (try CMD)",
            "HEALTHCHECK CMD|Missing command after HEALTHCHECK CMD",
            "HEALTHCHECK --interval=5 CMD x|invalid --interval: time: missing unit in duration \"5\"",
            "HEALTHCHECK --interval=1ns CMD x|Interval \"interval\" cannot be less than 1ms",
            "HEALTHCHECK --timeout=5parsecs CMD x|invalid --timeout: time: unknown unit \"parsecs\" in duration \"5parsecs\"",
            "HEALTHCHECK --retries=-1 CMD x|--retries cannot be negative (-1)",
            "HEALTHCHECK --retries=three CMD x|invalid --retries: strconv.ParseInt: parsing \"three\": invalid syntax",
            "HEALTHCHECK|HEALTHCHECK requires at least one argument",
            "HEALTHCHECK --bogus=1 CMD x|unknown flag: --bogus for HEALTHCHECK",
    })
    void healthcheckErrors(String line, String problem) {
        assertThat(error(F + line + "\n").problem()).isEqualTo(problem);
    }

    @Test
    void healthcheckNoneIgnoresFlagsLikeBuildKit() {
        Healthcheck h = only(F + "HEALTHCHECK --interval=bogus NONE\n", Healthcheck.class);
        assertThat(h.isNone()).isTrue();
        assertThat(h.flags()).hasSize(1);
    }

    @Test
    void onbuildParsesItsTrigger() {
        Onbuild o = only(F + "ONBUILD COPY --chown=1 . /app\n", Onbuild.class);
        assertThat(o.expression()).isEqualTo("COPY --chown=1 . /app");
        assertThat(o.trigger()).get().isInstanceOfSatisfying(Copy.class, c -> {
            assertThat(c.chown()).contains("1");
            assertThat(c.flags().get(0).range()).isEqualTo(SourceRange.of(2, 14, 2, 23));
            assertThat(c.range().start()).isEqualTo(new Position(2, 9));
        });
        assertThat(o.triggerProblem()).isEmpty();
    }

    @Test
    void onbuildErrors() {
        assertThat(error(F + "ONBUILD ONBUILD RUN x\n").problem()).isEqualTo("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        assertThat(error(F + "ONBUILD from alpine\n").problem()).isEqualTo("FROM isn't allowed as an ONBUILD trigger");
        assertThat(error(F + "ONBUILD MAINTAINER x\n").problem()).isEqualTo("MAINTAINER isn't allowed as an ONBUILD trigger");
        assertThat(error(F + "ONBUILD\n").problem()).isEqualTo("ONBUILD requires at least one argument");
        // line-parser errors of the trigger fail at once, as in BuildKit
        assertThat(error(F + "ONBUILD ENV lonely\n").problem()).isEqualTo("ENV must have two arguments");
    }

    @Test
    void onbuildTriggerProblemsAreKeptNotThrownBecauseBuildKitDefersThem() {
        Onbuild o = only(F + "ONBUILD FOO bar\n", Onbuild.class);
        assertThat(o.trigger()).isEmpty();
        assertThat(o.triggerProblem()).contains("unknown instruction: FOO");
    }
}
