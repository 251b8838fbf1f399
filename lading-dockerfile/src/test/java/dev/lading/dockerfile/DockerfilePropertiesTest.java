package dev.lading.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lading.dockerfile.expand.BuildArgs;
import dev.lading.dockerfile.expand.StageResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties over generated Dockerfiles: canonical printing is a fixed point of parsing, and no input,
 * however broken, makes the parser or resolver fail with anything but a positioned DockerfileParseException.
 */
class DockerfilePropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    // ------------------------------------------------------------------ round trip

    @Property(tries = 400)
    void printThenParseGivesTheSameContent(@ForAll("dockerfiles") String text) throws DockerfileParseException {
        Dockerfile first = DockerfileParser.parse("Dockerfile", text);
        String printed = DockerfilePrinter.print(first);
        Dockerfile second = DockerfileParser.parse("Dockerfile", printed);
        assertThat(RoundTripSupport.content(second)).isEqualTo(RoundTripSupport.content(first));
        assertThat(DockerfilePrinter.print(second)).isEqualTo(printed);
        assertThat(second.instructions()).hasSameSizeAs(first.instructions());
    }

    @Property(tries = 300)
    void generatedDockerfilesResolveOrFailWithAPosition(@ForAll("dockerfiles") String text) throws DockerfileParseException {
        Dockerfile d = DockerfileParser.parse("Dockerfile", text);
        try {
            StageResolver.resolve(d, BuildArgs.none());
        } catch (DockerfileParseException e) {
            assertThat(e.line()).isBetween(1, text.split("\n", -1).length);
        }
    }

    // ------------------------------------------------------------------ fuzz

    @Property(tries = 3000)
    void randomInputOnlyEverFailsWithDockerfileParseException(@ForAll("noise") String text) {
        checkNeverCrashes(text);
    }

    @Property(tries = 1500)
    void mutatedDockerfilesOnlyEverFailWithDockerfileParseException(@ForAll("dockerfiles") String text,
                                                                     @ForAll("seeds") long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder(text);
        int edits = 1 + random.nextInt(6);
        String alphabet = "\\`\"'$ {}[]<>-=#,\n\t\r:/!*?";
        for (int i = 0; i < edits && !b.isEmpty(); i++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(3)) {
                case 0 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> b.deleteCharAt(at);
                default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        checkNeverCrashes(b.toString());
    }

    private static void checkNeverCrashes(String text) {
        Dockerfile d;
        try {
            d = DockerfileParser.parse("Dockerfile", text);
        } catch (DockerfileParseException e) {
            assertThat(e.line()).isPositive();
            assertThat(e.column()).isPositive();
            assertThat(e.problem()).isNotBlank();
            return;
        }
        try {
            StageResolver.resolve(d, BuildArgs.none());
        } catch (DockerfileParseException e) {
            assertThat(e.problem()).isNotBlank();
        }
        String printed = DockerfilePrinter.print(d);
        assertThat(printed).isNotNull();
        try {
            JSON.readTree(dev.lading.dockerfile.json.DockerfileJson.toJson(d));
        } catch (java.io.IOException e) {
            throw new AssertionError("JSON output must be valid JSON", e);
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> token = Arbitraries.of("FROM ", "from ", "RUN ", "COPY ", "ADD ", "ENV ", "LABEL ", "ARG ",
                "CMD ", "ENTRYPOINT ", "ONBUILD ", "HEALTHCHECK ", "SHELL ", "VOLUME ", "EXPOSE ", "USER ", "WORKDIR ",
                "STOPSIGNAL ", "MAINTAINER ", "NONE", "CMD", " AS ", "<<EOF", "<<-EOF", "<<'EOF'", "EOF", "\tEOF", "\n", "\n",
                "\n", "\\", "\\\n", "`", "`\n", "\"", "'", "$", "${", "}", ":-", "#", "[", "]", "[\"a\"]", "[1]", "--",
                "--mount=", "type=cache", "type=secret", "target=/x", "id=a", ",", "=", "# ", "# escape=`\n",
                "# syntax=x\n", " ", "\t", "\r", "\r\n", "-", "a", "b=c", "1", "é", "\uFEFF", "--platform=", "--from=",
                "--link", "--chown=", "--interval=", "5s", "--retries=", "x y", "\u00a0", "\u0085");
        return token.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    // ------------------------------------------------------------------ generators of valid Dockerfiles

    @Provide
    Arbitrary<String> dockerfiles() {
        Arbitrary<List<String>> body = instruction().list().ofMinSize(0).ofMaxSize(10);
        Arbitrary<String> header = Arbitraries.of("", "# syntax=docker/dockerfile:1\n", "# escape=\\\n",
                "# check=skip=all\n# syntax=x\n");
        Arbitrary<String> globals = Arbitraries.of("", "ARG BASE=alpine\n", "ARG V A=\"x y\"\n");
        return Combinators.combine(header, globals, from(), body, Arbitraries.longs())
                .as((h, g, f, b, seed) -> h + g + layout(f, b, new Random(seed)));
    }

    /** Joins instructions, varying blank lines, indentation, keyword case, comments and continuations. */
    private static String layout(String from, List<String> body, Random random) {
        List<String> all = new ArrayList<>();
        all.add(from);
        all.addAll(body);
        StringBuilder out = new StringBuilder();
        for (String ins : all) {
            if (random.nextInt(5) == 0) {
                out.append("\n");
            }
            if (random.nextInt(4) == 0) {
                out.append("# note ").append(random.nextInt(100)).append('\n');
            }
            String[] lines = ins.split("\n", 2);
            String first = lines[0];
            if (random.nextInt(3) == 0) {
                int sp = first.indexOf(' ');
                String kw = sp < 0 ? first : first.substring(0, sp);
                first = kw.toLowerCase(java.util.Locale.ROOT) + (sp < 0 ? "" : first.substring(sp));
            }
            if (random.nextInt(4) == 0) {
                first = "  " + first;
            }
            // a continuation at a space that is outside quotes (the generators never quote across words here)
            int sp = first.lastIndexOf(' ');
            while (sp > 0 && first.charAt(sp - 1) == '\\') {
                sp = first.lastIndexOf(' ', sp - 1); // an escaped space is part of a word
            }
            if (random.nextInt(3) == 0 && sp > 0 && !first.contains("\"") && !first.contains("'") && !first.contains("[")) {
                String cont = random.nextBoolean() ? " \\\n    " : " \\\n# inside\n\n  ";
                first = first.substring(0, sp) + cont + first.substring(sp + 1);
            }
            out.append(first).append('\n');
            if (lines.length > 1) {
                out.append(lines[1]).append('\n');
            }
        }
        return out.toString();
    }

    private static Arbitrary<String> word() {
        return Arbitraries.strings().withChars("abcxyz019_-./:@").ofMinLength(1).ofMaxLength(6)
                .filter(w -> !w.startsWith("-"));
    }

    private static Arbitrary<String> value() {
        return Arbitraries.oneOf(word(),
                word().list().ofMinSize(1).ofMaxSize(3).map(l -> "\"" + String.join(" ", l) + "\""),
                word().map(w -> "'" + w + " $X'"),
                word().map(w -> w + "\\ " + w),
                word().map(w -> "${" + w.replaceAll("[^a-z]", "") + "V:-" + w + "}"),
                Arbitraries.just("$HOME"));
    }

    private static Arbitrary<String> jsonArray() {
        return Arbitraries.strings().ofMaxLength(8).list().ofMinSize(1).ofMaxSize(3).map(l -> {
            try {
                return JSON.writeValueAsString(l);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Arbitrary<String> shellText() {
        return Arbitraries.oneOf(word(), value(), Arbitraries.of("&&", "|", ">", "2>&1", "$X", "\"a  b\""))
                .list().ofMinSize(1).ofMaxSize(5).map(l -> String.join(" ", l));
    }

    private static Arbitrary<String> from() {
        return Combinators.combine(Arbitraries.of("", "--platform=$BUILDPLATFORM ", "--platform=linux/arm64 "),
                Arbitraries.of("alpine", "alpine:3.19", "${BASE}", "golang@sha256:0", "scratch"),
                Arbitraries.of("", " AS build", " as Base", " AS x.y-z_1"))
                .as((p, i, n) -> "FROM " + p + i + n);
    }

    private static Arbitrary<String> instruction() {
        Arbitrary<String> flagValue = Arbitraries.oneOf(word(), word().map(w -> "\"" + w + " " + w + "\""),
                word().map(w -> w + "\\ x"));
        Arbitrary<String> run = Combinators.combine(
                Arbitraries.of("", "--network=none ", "--mount=type=cache,target=/root/.cache ",
                        "--mount=type=secret,id=tok,required --security=sandbox ", "--mount=type=bind,source=.,target=/src,rw "),
                Arbitraries.oneOf(shellText(), jsonArray())).as((f, c) -> "RUN " + f + c);
        Arbitrary<String> heredocRun = Combinators.combine(Arbitraries.of("<<EOF", "<<'EOF'", "<<\"EOF\"", "3<<EOF"),
                shellText().list().ofMaxSize(3)).as((w, body) -> "RUN " + w + " sh\n"
                + String.join("", body.stream().map(b -> b + "\n").toList()) + "EOF");
        Arbitrary<String> chompRun = shellText().list().ofMaxSize(3).map(body -> "RUN <<-EOT\n"
                + String.join("", body.stream().map(b -> "\t" + b + "\n").toList()) + "\tEOT");
        Arbitrary<String> copy = Combinators.combine(
                Arbitraries.of("", "--from=build ", "--link ", "--link=false ", "--chmod=0644 ", "--exclude=*.md --exclude=x "),
                flagValue, word().list().ofMinSize(1).ofMaxSize(3), word())
                .as((f, chown, srcs, dst) -> "COPY " + f + "--chown=" + chown + " " + String.join(" ", srcs) + " /" + dst);
        Arbitrary<String> copyHeredoc = word().map(w -> "COPY <<EOF /" + w + "\n" + w + " $X\nEOF");
        Arbitrary<String> add = Combinators.combine(Arbitraries.of("", "--checksum=sha256:abc ", "--keep-git-dir ", "--unpack=true "),
                word()).as((f, w) -> "ADD " + f + "https://example.com/" + w + " /opt/");
        Arbitrary<String> pairs = Combinators.combine(Arbitraries.strings().withChars("ABCXYZ_").ofMinLength(1).ofMaxLength(4), value())
                .as((k, v) -> k + "=" + v).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(" ", l));
        Arbitrary<String> env = Arbitraries.oneOf(pairs.map(p -> "ENV " + p), pairs.map(p -> "LABEL " + p),
                word().map(w -> "ENV LEGACY " + w + "  " + w));
        Arbitrary<String> arg = Combinators.combine(Arbitraries.strings().withChars("ABCXYZ_").ofMinLength(1).ofMaxLength(4),
                Arbitraries.oneOf(Arbitraries.just(""), value().map(v -> "=" + v))).as((k, v) -> "ARG " + k + v);
        Arbitrary<String> cmd = Combinators.combine(Arbitraries.of("CMD ", "ENTRYPOINT "), Arbitraries.oneOf(shellText(), jsonArray()))
                .as((k, c) -> k + c);
        Arbitrary<String> simple = Combinators.combine(Arbitraries.of("WORKDIR /", "USER ", "STOPSIGNAL SIG", "EXPOSE 8", "VOLUME /",
                "MAINTAINER "), word()).as((k, w) -> k + w);
        Arbitrary<String> misc = Arbitraries.of("HEALTHCHECK NONE", "HEALTHCHECK --interval=30s --retries=3 CMD curl -f http://x/",
                "HEALTHCHECK CMD [\"true\"]", "SHELL [\"/bin/bash\", \"-c\"]", "ONBUILD RUN make", "ONBUILD COPY . /app",
                "VOLUME [\"/a\", \"/b\"]", "CMD", "ENTRYPOINT []", "RUN -- --weird");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, run), net.jqwik.api.Tuple.of(2, heredocRun), net.jqwik.api.Tuple.of(1, chompRun),
                net.jqwik.api.Tuple.of(3, copy), net.jqwik.api.Tuple.of(1, copyHeredoc), net.jqwik.api.Tuple.of(1, add),
                net.jqwik.api.Tuple.of(3, env), net.jqwik.api.Tuple.of(2, arg), net.jqwik.api.Tuple.of(2, cmd),
                net.jqwik.api.Tuple.of(2, simple), net.jqwik.api.Tuple.of(2, misc));
    }
}
