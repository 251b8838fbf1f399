package dev.lading.dockerfile.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.DockerfileParseException;
import dev.lading.dockerfile.DockerfileParser;
import dev.lading.dockerfile.Env;
import dev.lading.dockerfile.Expose;
import dev.lading.dockerfile.From;
import dev.lading.dockerfile.KeyValue;
import dev.lading.dockerfile.Label;
import dev.lading.dockerfile.Run;
import dev.lading.dockerfile.User;
import dev.lading.dockerfile.Workdir;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageResolverTest {

    private static ResolvedDockerfile resolve(String text, BuildArgs args) throws DockerfileParseException {
        Dockerfile d = DockerfileParser.parse("Dockerfile", text);
        return StageResolver.resolve(d, args);
    }

    @Test
    void globalArgsAreVisibleToFromOnly() throws Exception {
        ResolvedDockerfile r = resolve("ARG TAG=3.19\nFROM alpine:${TAG}\nWORKDIR /v$TAG\n", BuildArgs.none());
        ResolvedStage s = r.stages().get(0);
        assertThat(((From) s.from().resolved()).image()).isEqualTo("alpine:3.19");
        assertThat(s.from().used()).containsExactly("TAG");
        assertThat(((Workdir) s.instructions().get(0).resolved()).path()).isEqualTo("/v");
        assertThat(s.instructions().get(0).unresolved()).containsExactly("TAG");
        assertThat(s.unresolved()).containsExactly("TAG");
    }

    @Test
    void redeclaringAGlobalArgInsideTheStageBringsItsValue() throws Exception {
        ResolvedDockerfile r = resolve("ARG TAG=3.19\nFROM alpine\nARG TAG\nWORKDIR /v$TAG\n", BuildArgs.none());
        ResolvedStage s = r.stages().get(0);
        assertThat(((Workdir) s.instructions().get(1).resolved()).path()).isEqualTo("/v3.19");
        assertThat(s.args()).containsEntry("TAG", "3.19");
        assertThat(s.unresolved()).isEmpty();
    }

    @Test
    void buildArgsOverrideDefaultsButOnlyForDeclaredArgs() throws Exception {
        BuildArgs args = BuildArgs.of(Map.of("TAG", "edge", "V", "9", "UNDECLARED", "x"));
        ResolvedDockerfile r = resolve("ARG TAG=3.19\nFROM alpine:$TAG\nARG V=1\nLABEL v=$V u=$UNDECLARED\n", args);
        ResolvedStage s = r.stages().get(0);
        assertThat(((From) s.from().resolved()).image()).isEqualTo("alpine:edge");
        Label l = (Label) s.instructions().get(1).resolved();
        assertThat(l.pairs()).containsExactly(new KeyValue("v", "9", false), new KeyValue("u", "", false));
        assertThat(s.instructions().get(1).unresolved()).containsExactly("UNDECLARED");
    }

    @Test
    void envOverridesArgAndInstructionsSeeThePreviousScope() throws Exception {
        String text = "FROM a\nARG X=arg\nENV X=env\nUSER $X\nENV abc=hello\nENV abc=bye def=$abc\nENV ghi=$abc\n";
        ResolvedStage s = resolve(text, BuildArgs.of(Map.of("X", "build"))).stages().get(0);
        assertThat(((User) s.instructions().get(2).resolved()).user()).isEqualTo("env");
        Env e = (Env) s.instructions().get(4).resolved();
        assertThat(e.pairs()).containsExactly(new KeyValue("abc", "bye", false), new KeyValue("def", "hello", false));
        Env g = (Env) s.instructions().get(5).resolved();
        assertThat(g.pairs()).containsExactly(new KeyValue("ghi", "bye", false));
        assertThat(s.env()).containsEntry("abc", "bye").containsEntry("def", "hello").containsEntry("X", "env");
        assertThat(s.args()).containsEntry("X", "build");
    }

    @Test
    void quotesAreRemovedFromEnvAndLabelValues() throws Exception {
        ResolvedStage s = resolve("FROM a\nENV A=\"x y\" B='$A' C=a\\ b\nLABEL \"k k\"=\"$A\"\n", BuildArgs.none()).stages().get(0);
        Env e = (Env) s.instructions().get(0).resolved();
        assertThat(e.pairs()).containsExactly(new KeyValue("A", "x y", false), new KeyValue("B", "$A", false),
                new KeyValue("C", "a b", false));
        Label l = (Label) s.instructions().get(1).resolved();
        assertThat(l.pairs()).containsExactly(new KeyValue("k k", "x y", false));
    }

    @Test
    void platformArgsAreGlobalAndNeedDeclarationInsideAStage() throws Exception {
        BuildArgs args = BuildArgs.none().withPlatforms("linux/amd64", "linux/arm/v7");
        String text = "FROM --platform=$BUILDPLATFORM golang AS build\nRUN echo\nARG TARGETARCH\nARG TARGETVARIANT\nWORKDIR /$TARGETARCH/$TARGETVARIANT/$TARGETOS\n";
        ResolvedStage s = resolve(text, args).stages().get(0);
        assertThat(((From) s.from().resolved()).platform()).contains("linux/amd64");
        assertThat(((Workdir) s.instructions().get(3).resolved()).path()).isEqualTo("/arm/v7/");
        assertThat(s.instructions().get(3).unresolved()).containsExactly("TARGETOS");
    }

    @Test
    void arm64V8NormalisesToNoVariantAndTargetStageIsSet() throws Exception {
        BuildArgs args = BuildArgs.none().withPlatforms("linux/amd64", "linux/arm64/v8");
        ResolvedDockerfile r = resolve("FROM a:$TARGETPLATFORM-$TARGETSTAGE AS one\nFROM b AS two\n", args);
        assertThat(((From) r.stages().get(0).from().resolved()).image()).isEqualTo("a:linux/arm64-two");
        ResolvedDockerfile targeted = resolve("FROM a:$TARGETSTAGE AS One\nFROM b AS two\n", args.withTarget("ONE"));
        assertThat(((From) targeted.stages().get(0).from().resolved()).image()).isEqualTo("a:one");
        ResolvedDockerfile unnamed = resolve("FROM a:$TARGETSTAGE-$TARGETOSVERSION\n", BuildArgs.of(Map.of("TARGETOSVERSION", "10")));
        assertThat(((From) unnamed.stages().get(0).from().resolved()).image()).isEqualTo("a:default-10");
    }

    @Test
    void runCommandsAreNotExpandedButMountsAre() throws Exception {
        String text = "FROM a\nARG CACHE=/root/.cache\nRUN --mount=type=cache,target=$CACHE echo $CACHE\n";
        ResolvedInstruction r = resolve(text, BuildArgs.none()).stages().get(0).instructions().get(1);
        Run run = (Run) r.resolved();
        assertThat(run.command().toString()).contains("echo $CACHE");
        assertThat(run.mounts().get(0).target()).contains("/root/.cache");
        assertThat(r.used()).containsExactly("CACHE");
    }

    @Test
    void mountValuesAreValidatedAfterExpansion() {
        assertThatThrownBy(() -> resolve("FROM a\nARG T=volume\nRUN --mount=type=$T,target=/x true\n", BuildArgs.none()))
                .isInstanceOf(DockerfileParseException.class)
                .hasMessageContaining("invalid --mount: unsupported mount type \"volume\"");
    }

    @Test
    void copyFlagsSourcesAndHeredocsAreExpanded() throws Exception {
        String text = "FROM a\nARG U=app\nARG D=/srv\nCOPY --chown=$U:$U --from=app-build src/$U $D/\nCOPY <<EOF <<'RAW' $D/\nuser=$U\nEOF\nuser=$U\nRAW\n";
        ResolvedStage s = resolve(text, BuildArgs.none()).stages().get(0);
        Copy c = (Copy) s.instructions().get(2).resolved();
        assertThat(c.chown()).contains("app:app");
        assertThat(c.from()).contains("app-build");
        assertThat(c.sources()).containsExactly("src/app");
        assertThat(c.destination()).isEqualTo("/srv/");
        Copy h = (Copy) s.instructions().get(3).resolved();
        assertThat(h.heredocs().get(0).content()).isEqualTo("user=app\n");
        assertThat(h.heredocs().get(1).content()).isEqualTo("user=$U\n");
    }

    @Test
    void copyFromRefusesVariablesAndExcludesAreNotExpanded() throws Exception {
        assertThatThrownBy(() -> resolve("ARG S=x\nFROM a\nCOPY --from=$S /a /b\n", BuildArgs.none()))
                .isInstanceOfSatisfying(DockerfileParseException.class, e -> {
                    assertThat(e.problem()).startsWith("variable expansion is not supported for --from");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(6);
                });
        ResolvedStage s = resolve("FROM a\nARG P=x\nCOPY --exclude=$P/*.md src/ /d/\n", BuildArgs.none()).stages().get(0);
        assertThat(((Copy) s.instructions().get(1).resolved()).excludes()).containsExactly("$P/*.md");
    }

    @Test
    void childStagesInheritDeclaredArgsForUndefinedReporting() throws Exception {
        ResolvedDockerfile r = resolve("FROM a AS base\nARG OPT\nFROM base\nUSER $OPT\n", BuildArgs.none());
        assertThat(r.stages().get(1).unresolved()).isEmpty();
    }

    @Test
    void exposeSplitsExpandedWords() throws Exception {
        ResolvedStage s = resolve("FROM a\nARG PORTS=\"80 443\"\nEXPOSE $PORTS 8080/udp\n", BuildArgs.none()).stages().get(0);
        assertThat(((Expose) s.instructions().get(1).resolved()).ports()).containsExactly("80", "443", "8080/udp");
    }

    @Test
    void aStageBuiltFromAnEarlierStageStartsFromItsEnvironmentArgsIncluded() throws Exception {
        // BuildKit reuses the earlier stage's LLB state, whose environment holds its ARG values too
        String text = "FROM a AS base\nARG A=1\nENV E=2\nFROM base\nWORKDIR /$A/$E\nFROM a\nWORKDIR /$A/$E\n";
        ResolvedDockerfile r = resolve(text, BuildArgs.none());
        assertThat(((Workdir) r.stages().get(1).instructions().get(0).resolved()).path()).isEqualTo("/1/2");
        assertThat(r.stages().get(1).env()).containsEntry("E", "2").doesNotContainKey("A");
        assertThat(((Workdir) r.stages().get(2).instructions().get(0).resolved()).path()).isEqualTo("//");
        assertThat(r.stages().get(2).unresolved()).containsExactlyInAnyOrder("A", "E");
    }

    @Test
    void aLaterArgWithAValueOverridesAnEarlierEnvLikeBuildKit() throws Exception {
        ResolvedStage s = resolve("FROM a\nENV X=env\nARG X=arg\nUSER $X\nARG X\nWORKDIR /$X\n", BuildArgs.none())
                .stages().get(0);
        assertThat(((User) s.instructions().get(2).resolved()).user()).isEqualTo("arg");
        assertThat(((Workdir) s.instructions().get(4).resolved()).path()).isEqualTo("/arg");
        assertThat(s.env()).containsEntry("X", "env");
    }

    @Test
    void declaredButUnsetArgsAreNotReportedUnresolved() throws Exception {
        ResolvedStage s = resolve("FROM a\nARG OPTIONAL\nRUN --mount=type=cache,target=/c$OPTIONAL true\nUSER $OTHER\n",
                BuildArgs.none()).stages().get(0);
        assertThat(s.instructions().get(1).unresolved()).isEmpty();
        assertThat(s.unresolved()).containsExactly("OTHER");
    }

    @Test
    void pathIsAlwaysDefinedAsBuildKitDefaultsIt() throws Exception {
        ResolvedStage s = resolve("FROM scratch\nENV PATH=/app/bin:$PATH\n", BuildArgs.none()).stages().get(0);
        assertThat(s.env()).containsEntry("PATH", "/app/bin:" + StageResolver.DEFAULT_PATH);
        assertThat(s.unresolved()).isEmpty();
    }

    @Test
    void knownBaseImageEnvIsUsed() throws Exception {
        Dockerfile d = DockerfileParser.parse("Dockerfile", "FROM golang:1.22\nWORKDIR $GOPATH/src\nENV P=$PATH\n");
        ResolvedStage s = StageResolver.resolve(d, BuildArgs.none(), image -> image.equals("golang:1.22")
                ? java.util.Optional.of(Map.of("GOPATH", "/go", "PATH", "/go/bin:/usr/bin")) : java.util.Optional.empty())
                .stages().get(0);
        assertThat(((Workdir) s.instructions().get(0).resolved()).path()).isEqualTo("/go/src");
        assertThat(s.env()).containsEntry("P", "/go/bin:/usr/bin");
    }

    @Test
    void argNamesAreNotExpandedAndBuildArgsSkipDefaultExpansion() throws Exception {
        ResolvedStage s = resolve("FROM a\nARG $N=1\nARG R=${MISSING:?boom}\nUSER $R\n", BuildArgs.of(Map.of("R", "given")))
                .stages().get(0);
        assertThat(s.args()).containsEntry("$N", "1").containsEntry("R", "given");
        assertThat(((User) s.instructions().get(2).resolved()).user()).isEqualTo("given");
    }

    @Test
    void argsOnOneLineSeeEachOther() throws Exception {
        ResolvedStage s = resolve("FROM a\nARG A=1 B=${A}2\nUSER $B\n", BuildArgs.none()).stages().get(0);
        assertThat(((User) s.instructions().get(1).resolved()).user()).isEqualTo("12");
    }

    @Test
    void requiredVariableErrorIsPositioned() {
        assertThatThrownBy(() -> resolve("FROM a\nUSER ${APP_USER:?set APP_USER}\n", BuildArgs.none()))
                .isInstanceOfSatisfying(DockerfileParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.problem()).contains("APP_USER: set APP_USER");
                });
    }

    @Test
    void blankBaseNameIsAnError() {
        assertThatThrownBy(() -> resolve("ARG IMG\nFROM $IMG\n", BuildArgs.none()))
                .isInstanceOfSatisfying(DockerfileParseException.class,
                        e -> assertThat(e.problem()).isEqualTo("base name ($IMG) should not be blank"));
    }

    @Test
    void globalArgWithoutValueIsUnset() throws Exception {
        ResolvedDockerfile r = resolve("ARG V\nFROM a:${V:-latest}\n", BuildArgs.none());
        assertThat(((From) r.stages().get(0).from().resolved()).image()).isEqualTo("a:latest");
        assertThat(r.unresolved()).containsExactly("V");
        assertThat(r.globalScope()).doesNotContainKey("V").containsEntry("TARGETARCH", "amd64");
    }

    @Test
    void escapeDirectiveAppliesToExpansion() throws Exception {
        ResolvedStage s = resolve("# escape=`\nFROM a\nENV P=c:\\dir D=`$P\n", BuildArgs.none()).stages().get(0);
        assertThat(((Env) s.instructions().get(0).resolved()).pairs())
                .containsExactly(new KeyValue("P", "c:\\dir", false), new KeyValue("D", "$P", false));
        assertThat(List.of(s.env().get("D"))).containsExactly("$P");
    }
}
