package dev.lading.lint.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShellParserTest {

    private static List<String> names(ShellScript s) {
        return s.commands().stream().map(c -> c.name().value()).toList();
    }

    private static List<String> args(SimpleCommand c) {
        return c.args().stream().map(Word::value).toList();
    }

    @Test
    void splitsOnAndOrSemicolonAndNewline() {
        ShellScript s = ShellParser.parse("apt-get update && apt-get install -y curl || true; echo a\nls -l", Map.of());
        assertThat(names(s)).containsExactly("apt-get", "apt-get", "true", "echo", "ls");
        assertThat(args(s.commands().get(1))).containsExactly("install", "-y", "curl");
        assertThat(s.complete()).isTrue();
        assertThat(s.hasPipeline()).isFalse();
    }

    @Test
    void pipelinesMarkTheirCommands() {
        ShellScript s = ShellParser.parse("curl -fsSL https://x | tar -xz -C /opt && echo done", Map.of());
        assertThat(s.hasPipeline()).isTrue();
        assertThat(s.commands().get(0).piped()).isTrue();
        assertThat(s.commands().get(1).piped()).isTrue();
        assertThat(s.commands().get(2).piped()).isFalse();
    }

    @Test
    void orIsNotAPipe() {
        assertThat(ShellParser.parse("a || b", Map.of()).hasPipeline()).isFalse();
    }

    @Test
    void quotingIsRemovedAndKeepsSpacesInsideAWord() {
        ShellScript s = ShellParser.parse("echo 'a b' \"c $X d\" e\\ f \"q\\\"\"", Map.of("X", "1"));
        assertThat(args(s.commands().get(0))).containsExactly("a b", "c 1 d", "e f", "q\"");
    }

    @Test
    void lineContinuationsJoinWords() {
        ShellScript s = ShellParser.parse("apt-get install \\\n  -y \\\n  curl", Map.of());
        assertThat(args(s.commands().get(0))).containsExactly("install", "-y", "curl");
    }

    @Test
    void subshellsAndGroupsAndControlFlowYieldTheirCommands() {
        ShellScript s = ShellParser.parse("(cd /x && make) ; { echo a; } ; if [ -f x ]; then rm x; else touch x; fi;"
                + " for f in a b; do gzip $f; done; while false; do sleep 1; done", Map.of());
        assertThat(names(s)).containsExactly("cd", "make", "echo", "[", "rm", "touch", "gzip", "false", "sleep");
        assertThat(s.commands().get(6).args().get(0).resolved()).isFalse();
    }

    @Test
    void environmentAssignmentsBeforeTheCommandAreSeparated() {
        SimpleCommand c = ShellParser.parse("DEBIAN_FRONTEND=noninteractive apt-get install -y x", Map.of()).commands().get(0);
        assertThat(c.name().value()).isEqualTo("apt-get");
        assertThat(c.assignments()).extracting(Word::value).containsExactly("DEBIAN_FRONTEND=noninteractive");
    }

    @Test
    void knownVariablesAreSubstitutedAndSplitWhenUnquoted() {
        SimpleCommand c = ShellParser.parse("apt-get install -y $PKGS \"$PKGS\"", Map.of("PKGS", "curl wget"))
                .commands().get(0);
        assertThat(args(c)).containsExactly("install", "-y", "curl", "wget", "curl wget");
        assertThat(c.args()).allMatch(Word::resolved);
    }

    @Test
    void unknownVariablesAndSubstitutionsAreUnresolved() {
        SimpleCommand c = ShellParser.parse("pip install x==$VERSION $(cat reqs) `id -u` $1 ${X#y}", Map.of()).commands("pip").get(0);
        assertThat(c.args().subList(1, 6)).noneMatch(Word::resolved);
        assertThat(c.args().get(1).value()).isEqualTo("x==$VERSION");
        assertThat(c.hasUnresolved()).isTrue();
    }

    @Test
    void defaultsInBracesAreFollowed() {
        SimpleCommand c = ShellParser.parse("echo ${A:-one} ${B:-two} ${A:+alt} ${C:+alt}", Map.of("A", "set"))
                .commands().get(0);
        assertThat(args(c)).containsExactly("set", "two", "alt");
        assertThat(c.args()).allMatch(Word::resolved);
    }

    @Test
    void assignmentsInTheScriptAreFollowed() {
        ShellScript s = ShellParser.parse("V=1.2; export W=3 && install x=$V y=$W; V=$(date); echo $V", Map.of());
        assertThat(args(s.commands().get(1))).containsExactly("x=1.2", "y=3");
        assertThat(s.commands("echo").get(0).args().get(0).resolved()).isFalse();
    }

    @Test
    void commandsInsideSubstitutionsRunBeforeTheirCommand() {
        ShellScript s = ShellParser.parse("echo \"$(apt-get install -y curl)\" `id -u` $(( 1 + 2 ))", Map.of());
        assertThat(names(s)).containsExactly("apt-get", "id", "echo");
        assertThat(args(s.commands().get(0))).containsExactly("install", "-y", "curl");
        assertThat(s.commands("echo").get(0).args()).noneMatch(Word::resolved);
    }

    @Test
    void substitutionsSeeTheScriptsValuesButKeepTheirOwn() {
        ShellScript s = ShellParser.parse("P=curl; X=$(V=9; apt-get install -y $P=$V; set -o pipefail); "
                + "apk add \"$(echo $V)\" `pip install \\`cat r\\``", Map.of());
        assertThat(names(s)).containsExactly("apt-get", "set", "echo", "cat", "pip", "apk");
        assertThat(args(s.commands().get(0))).containsExactly("install", "-y", "curl=9");
        assertThat(s.commands("echo").get(0).args().get(0).resolved()).isFalse(); // V stayed in the subshell
        assertThat(s.setsPipefail()).isFalse();
    }

    @Test
    void shDashCIsParsedRecursively() {
        ShellScript s = ShellParser.parse("sh -c 'cd /app && npm install' && bash -ec \"set -o pipefail; a | b\"", Map.of());
        assertThat(names(s)).containsExactly("cd", "npm", "sh", "set", "a", "b", "bash");
        assertThat(s.setsPipefail()).isTrue();
        assertThat(s.hasPipeline()).isTrue();
    }

    @Test
    void wrappersArePeeledButRemembered() {
        SimpleCommand c = ShellParser.parse("sudo -E env FOO=1 apt-get install -y x", Map.of()).commands().get(0);
        assertThat(c.name().value()).isEqualTo("apt-get");
        assertThat(c.wrappers()).containsExactly("sudo", "env");
    }

    @Test
    void redirectionsAreNotArguments() {
        SimpleCommand c = ShellParser.parse("make install > /dev/null 2>&1 </dev/null 2> err.log", Map.of()).commands().get(0);
        assertThat(args(c)).containsExactly("install");
    }

    @Test
    void heredocBodiesInsideScriptsAreSkipped() {
        ShellScript s = ShellParser.parse("cat <<EOF > /etc/x\nrm -rf /\nEOF\necho after", Map.of());
        assertThat(names(s)).containsExactly("cat", "echo");
    }

    @Test
    void commentsAreSkipped() {
        assertThat(names(ShellParser.parse("echo a # rm -rf /\n# whole line\nls", Map.of()))).containsExactly("echo", "ls");
    }

    @Test
    void flagsInClustersAndLongFormsAreFound() {
        SimpleCommand c = ShellParser.parse("apt-get -qy install --no-install-recommends --opt=1 x", Map.of()).commands().get(0);
        assertThat(c.hasFlag("-y")).isTrue();
        assertThat(c.hasFlag("-q")).isTrue();
        assertThat(c.hasFlag("--opt")).isTrue();
        assertThat(c.hasFlag("-x")).isFalse();
        assertThat(c.hasFlag("--no-cache")).isFalse();
        assertThat(c.hasSubcommand("install")).isTrue();
        assertThat(c.operandsAfterSubcommand(Set.of())).extracting(Word::value).containsExactly("x");
    }

    @Test
    void flagsAfterDoubleDashAreOperands() {
        SimpleCommand c = ShellParser.parse("rm -- -y", Map.of()).commands().get(0);
        assertThat(c.hasFlag("-y")).isFalse();
    }

    @Test
    void unterminatedQuotesMakeTheScriptIncompleteNotAnError() {
        ShellScript s = ShellParser.parse("echo 'oops && rm x", Map.of());
        assertThat(s.complete()).isFalse();
        assertThat(names(s)).containsExactly("echo");
    }

    @Test
    void aTrailingBackslashIsNotAnError() {
        assertThat(names(ShellParser.parse("echo a \\", Map.of()))).containsExactly("echo");
        assertThat(names(ShellParser.parse("\\", Map.of()))).isEmpty();
    }

    @Test
    void caseIsSkippedAndMarkedIncomplete() {
        ShellScript s = ShellParser.parse("case $x in a) rm a;; esac; echo b", Map.of());
        assertThat(s.complete()).isFalse();
        assertThat(names(s)).containsExactly("echo");
    }

    @Test
    void pathsToCommandsMatchTheirBaseName() {
        SimpleCommand c = ShellParser.parse("/usr/bin/apt-get update", Map.of()).commands().get(0);
        assertThat(c.is("apt-get")).isTrue();
        assertThat(c.isOneOf(java.util.Set.of("apk", "apt-get"))).isTrue();
        assertThat(c.isOneOf(java.util.Set.of("apt", "/usr/bin/apt-get"))).isFalse();
        SimpleCommand unknown = ShellParser.parse("$TOOL build", Map.of()).commands().get(0);
        assertThat(unknown.isOneOf(java.util.Set.of("$TOOL", "TOOL"))).isFalse();
    }
}
