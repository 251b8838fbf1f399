package dev.lading.lint.fix;

import static dev.lading.lint.fix.Fixes.DIGEST_A;
import static dev.lading.lint.fix.Fixes.DIGEST_B;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.LintConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PinFromFixTest {
    private static String pin(String text) {
        return Fixes.only("pin", text);
    }

    @Test
    void pinsTheTagToItsDigestAndKeepsTheTag() {
        assertThat(pin("FROM debian:12 AS build\nRUN true\n")).isEqualTo("FROM debian:12@" + DIGEST_A + " AS build\nRUN true\n");
        assertThat(pin("FROM --platform=$BUILDPLATFORM \\\n    golang:1.22 AS tools\n"))
                .isEqualTo("FROM --platform=$BUILDPLATFORM \\\n    golang:1.22@" + DIGEST_B + " AS tools\n");
        assertThat(pin("FROM registry.example.com:5000/team/base:1.0\r\n"))
                .isEqualTo("FROM registry.example.com:5000/team/base:1.0@" + DIGEST_A + "\r\n");
        assertThat(pin("\uFEFFFROM debian:12\n")).isEqualTo("\uFEFFFROM debian:12@" + DIGEST_A + "\n");
        // latest is pinned too (the same image as today), and LD004 still asks for a version
        FixResult latest = Fixes.run("pin", "FROM alpine:latest\n");
        assertThat(latest.fixed()).isEqualTo("FROM alpine:latest@" + DIGEST_B + "\n");
        assertThat(latest.remaining()).anyMatch(f -> f.ruleId().equals("LD004"));
    }

    @Test
    void leavesStagesScratchDigestsVariablesAndUntaggedImages() {
        String text = "ARG V=12\nFROM debian:12@" + DIGEST_B + " AS a\nFROM a AS b\nFROM scratch\nFROM debian:${V}\nFROM debian\n"
                + "FROM debian@" + DIGEST_B + "\n";
        assertThat(pin(text)).isEqualTo(text);
    }

    @Test
    void aGlobalArgNamingTheImageHasItsDefaultPinnedOnce() {
        assertThat(pin("# the base\nARG BASE=debian:12 TOOLS=golang:1.22\nFROM ${BASE} AS a\nFROM $BASE\nFROM ${TOOLS}\n"))
                .isEqualTo("# the base\nARG BASE=debian:12@" + DIGEST_A + " TOOLS=golang:1.22@" + DIGEST_B
                        + "\nFROM ${BASE} AS a\nFROM $BASE\nFROM ${TOOLS}\n");
        for (String text : List.of("ARG BASE=\"debian:12\"\nFROM ${BASE}\n", "ARG BASE\nFROM ${BASE}\n",
                "ARG BASE=debian:12\nARG BASE=debian:12\nFROM ${BASE}\n", "ARG BASE=debian\nFROM ${BASE}\n",
                "ARG BASE=debian:12\nFROM scratch AS x\nFROM ${BASE}-slim\n")) {
            assertThat(pin(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void aRegistryErrorIsANoteAndTheOtherFixesStillApply() {
        List<String> asked = new ArrayList<>();
        DigestResolver failing = image -> {
            asked.add(image);
            if (image.startsWith("private")) {
                throw new java.io.IOException("private.example.com: 401 Unauthorized: run lading login private.example.com");
            }
            return Fixes.RESOLVER.resolve(image);
        };
        Set<String> skip = new HashSet<>(Fixer.KINDS);
        skip.removeAll(Set.of("pin", "exec-form"));
        FixResult r = new Fixer(LintConfig.empty(), skip, Optional.of(failing)).fix("Dockerfile",
                "FROM private.example.com/base:1 AS a\nFROM debian:12\nFROM private.example.com/base:1\nCMD app run\n",
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(r.fixed()).isEqualTo("FROM private.example.com/base:1 AS a\nFROM debian:12@" + DIGEST_A
                + "\nFROM private.example.com/base:1\nCMD [\"app\", \"run\"]\n");
        assertThat(r.notes()).containsExactly("FROM private.example.com/base:1: cannot resolve its digest "
                + "(private.example.com: 401 Unauthorized: run lading login private.example.com); left unpinned");
        assertThat(asked).containsExactly("private.example.com/base:1", "debian:12"); // once per image
    }

    @Test
    void anAnswerThatIsNotADigestIsNotWritten() {
        FixResult r = new Fixer(LintConfig.empty(), Set.of(), Optional.of(image -> "sha256:\"; rm -rf /"))
                .fix("Dockerfile", "FROM debian:12\n", Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(r.fixed()).doesNotContain("rm -rf");
        assertThat(r.notes()).anyMatch(n -> n.contains("not a sha256 digest"));
    }

    @Test
    void withoutAResolverOrWithPinSkippedNothingIsAsked() {
        String text = "FROM debian:12\n";
        Set<String> skip = new HashSet<>(Fixer.KINDS);
        skip.remove("pin");
        assertThat(new Fixer(LintConfig.empty(), skip, Optional.empty())
                .fix("Dockerfile", text, Optional.empty(), Optional.empty(), Optional.empty()).fixed()).isEqualTo(text);
        DigestResolver never = image -> {
            throw new AssertionError("asked for " + image);
        };
        assertThat(new Fixer(LintConfig.empty(), Set.copyOf(Fixer.KINDS), Optional.of(never))
                .fix("Dockerfile", text, Optional.empty(), Optional.empty(), Optional.empty()).fixed()).isEqualTo(text);
    }
}
