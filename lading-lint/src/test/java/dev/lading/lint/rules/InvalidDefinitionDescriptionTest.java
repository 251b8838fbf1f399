package dev.lading.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import dev.lading.lint.RuleTester;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidDefinitionDescriptionTest {
    private final InvalidDefinitionDescription rule = new InvalidDefinitionDescription();
    private final LintConfig on = RuleTester.enabling("InvalidDefinitionDescription");

    private List<Integer> lines(String df) {
        return RuleTester.lint(rule, on, df).stream().map(Finding::line).toList();
    }

    @Test
    void offByDefaultAsInBuildKit() {
        assertThat(rule.enabledByDefault()).isFalse();
        assertThat(RuleTester.lint(rule, "# a non-descriptive comment\nFROM scratch AS base\n")).isEmpty();
    }

    @Test
    void buildKitsCheckDirectiveTurnsItOnAsAnExperimentalCheck() {
        String df = "# check=experimental=InvalidDefinitionDescription\n# a comment\nFROM scratch AS base\n";
        assertThat(RuleTester.lint(rule, df)).extracting(Finding::line).containsExactly(3);
        assertThat(RuleTester.lint(rule, "# check=experimental=all\n# a comment\nFROM scratch AS base\n"))
                .extracting(Finding::line).containsExactly(3);
        // skip wins, as in BuildKit; and an ID the configuration ignores stays ignored
        assertThat(RuleTester.lint(rule, "# check=experimental=all;skip=InvalidDefinitionDescription\n# a comment\n"
                + "FROM scratch AS base\n")).isEmpty();
        assertThat(RuleTester.lint(rule, LintConfig.empty().withIgnored(java.util.Set.of("InvalidDefinitionDescription")),
                df)).isEmpty();
    }

    @Test
    void fires() {
        assertThat(lines("""
                # a non-descriptive comment
                FROM scratch AS base

                # another non-descriptive comment
                ARG VERSION=1
                # base2 is the second stage
                # but the last line is what BuildKit reads
                FROM scratch AS base2
                # one of them
                ARG A B
                """)).containsExactly(2, 5, 8, 10);
        assertThat(RuleTester.lint(rule, on, "FROM alpine\n# nope\nARG VERSION=1\n").get(0).message())
                .startsWith("Comment for ARG should follow the format: `# VERSION <description>`");
        assertThat(RuleTester.lint(rule, on, "FROM alpine\n# nope\nARG A B\n").get(0).message())
                .startsWith("Comment for ARG should follow the format: `# <arg_key> <description>`");
    }

    @Test
    void silent() {
        assertThat(lines("""
                # syntax=docker/dockerfile:1
                FROM scratch AS base
                # build-cli builds the CLI binary
                FROM alpine AS build-cli
                # VERSION controls the version of the program
                ARG VERSION=1
                # a comment separated by an empty line

                FROM alpine AS other
                # a comment ended by an empty comment
                #
                ARG OTHER
                # B is the second
                ARG A B
                # not a stage name, and the stage has none
                FROM alpine
                # Build is named in lower case, as BuildKit compares stage names
                FROM alpine AS Build
                RUN true
                # a comment before an instruction that defines nothing
                RUN true
                """)).containsExactly(18);
    }
}
