package dev.lading.dockerfile;

import static dev.lading.dockerfile.ParserTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DockerfilePrinterTest {

    @Test
    void printsCanonicalText() {
        Dockerfile d = parse("# syntax=docker/dockerfile:1\nARG  V=1\n# build stage\nfrom  --platform=$P  alpine:$V   as   build\n"
                + "RUN --mount=type=cache,target=/c \\\n    apk add \\\n    curl\nCOPY --chown=\"a b\" <<-EOF /x\n\tbody\n\tEOF\n"
                + "CMD   [ \"a\" ,  \"b\" ]\n");
        assertThat(DockerfilePrinter.print(d)).isEqualTo("# syntax=docker/dockerfile:1\n\nARG V=1\n# build stage\n"
                + "from --platform=$P alpine:$V AS build\nRUN --mount=type=cache,target=/c apk add     curl\n"
                + "COPY --chown=a\\ b <<-EOF /x\n\tbody\nEOF\nCMD [\"a\",\"b\"]\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "FROM a\nRUN -- --not-a-flag\n",
            "# escape=`\nFROM a\nRUN dir c:\\ `\n  && echo\nENV P=c:\\x\n",
            "FROM a\nENV legacy value with  spaces\nLABEL \"a b\"=\"c d\" e='f'\n",
            "FROM a\nHEALTHCHECK --interval=bogus NONE\nHEALTHCHECK --retries=2 CMD [\"x\"]\nSTOPSIGNAL --weird\\ flag=\"1 2\" SIGTERM\n",
            "FROM a\nONBUILD RUN <<EOF\nx\nEOF\nONBUILD FOO bar\n",
            "FROM a\nRUN <<A <<-\"B\" cat\nline a\nA\n\tline b\n\tB\nCOPY [\"a b\", \"/c\"]\nVOLUME [\"/v\"]\nVOLUME /w /x\n",
            "FROM a\nCMD\nENTRYPOINT []\nRUN\nSHELL [\"/bin/sh\", \"-c\"]\nEXPOSE 1 2/udp\nUSER u:g\nWORKDIR /w w\n",
            "# c1\n\n# c2\nARG A B=2 C=\"x y\"\nFROM a\n#\nRUN x\n",
            "FROM a\nADD --checksum=sha256:abc --unpack https://x/y.tgz /z\nCOPY --exclude=*.md --exclude=x --parents --link=false a/ b/ /d\n",
            "FROM a\nCMD [\"not\", valid]\nRUN [\"é\\u00e9\\\\\\\"\\t\"]\n",
    })
    void reparsingThePrintedTextGivesTheSameContent(String text) {
        Dockerfile first = parse(text);
        String printed = DockerfilePrinter.print(first);
        Dockerfile second = parse(printed);
        assertThat(RoundTripSupport.content(second)).isEqualTo(RoundTripSupport.content(first));
        assertThat(DockerfilePrinter.print(second)).isEqualTo(printed);
    }
}
