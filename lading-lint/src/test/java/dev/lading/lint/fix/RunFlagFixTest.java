package dev.lading.lint.fix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunFlagFixTest {
    private static String apt(String text) {
        return Fixes.only("no-install-recommends", text);
    }

    private static String apk(String text) {
        return Fixes.only("apk-no-cache", text);
    }

    @Test
    void noInstallRecommendsGoesRightAfterInstall() {
        assertThat(apt("FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"))
                .isEqualTo("FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\n");
        assertThat(apt("FROM debian:12\nRUN apt-get -y -q install curl\n"))
                .isEqualTo("FROM debian:12\nRUN apt-get -y -q install --no-install-recommends curl\n");
        assertThat(apt("FROM debian:12\nRUN DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get install -y curl\n"))
                .isEqualTo("FROM debian:12\nRUN DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get install --no-install-recommends -y curl\n");
    }

    @Test
    void onTheLineWhereInstallIsWrittenKeepingContinuationsAndComments() {
        String text = "FROM debian:12\r\nRUN apt-get update \\\r\n  # tools\r\n  && apt-get install -y \\\r\n     curl \\\r\n"
                + "  && apt-get install -y git \\\r\n  && rm -rf /var/lib/apt/lists/*\r\n";
        assertThat(apt(text)).isEqualTo("FROM debian:12\r\nRUN apt-get update \\\r\n  # tools\r\n"
                + "  && apt-get install --no-install-recommends -y \\\r\n     curl \\\r\n"
                + "  && apt-get install --no-install-recommends -y git \\\r\n  && rm -rf /var/lib/apt/lists/*\r\n");
        String tick = "# escape=`\nFROM debian:12\nRUN apt-get update && apt-get `\n    install -y curl\n";
        assertThat(apt(tick)).isEqualTo("# escape=`\nFROM debian:12\nRUN apt-get update && apt-get `\n    install --no-install-recommends -y curl\n");
    }

    @Test
    void aHeredocScriptIsEditedInItsBody() {
        assertThat(apt("FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y \\\n  curl\nrm -rf /var/lib/apt/lists/*\nEOF\n"))
                .isEqualTo("FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install --no-install-recommends -y \\\n  curl\n"
                        + "rm -rf /var/lib/apt/lists/*\nEOF\n");
        assertThat(apt("FROM debian:12\r\nRUN bash -e <<-'EOF'\r\n\tapt-get install -y curl\r\nEOF\r\n"))
                .isEqualTo("FROM debian:12\r\nRUN bash -e <<-'EOF'\r\n\tapt-get install --no-install-recommends -y curl\r\nEOF\r\n");
        assertThat(apk("FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\n")).isEqualTo("FROM alpine:3.20\nRUN <<EOF\napk add --no-cache curl\nEOF\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RUN echo 'apt-get install -y curl'", "RUN apt-get install --no-install-recommends -y curl",
            "RUN apt-get -o APT::Install-Recommends=false install -y curl", "RUN apt-get $MODE -y curl",
            "RUN [\"apt-get\", \"install\", \"-y\", \"curl\"]", "RUN apt-get update",
            "RUN sh -c \"apt-get install -y curl\"", "RUN python3 <<EOF\nimport os\nEOF",
            "RUN cat > /setup.sh <<EOF\napt-get install -y curl\nEOF", "RUN bash -c <<EOF\napt-get install -y curl\nEOF"})
    void leavesWhatItCannotReadPlainlyOrWhatIsFine(String run) {
        String text = "FROM debian:12\n" + run + "\n";
        assertThat(apt(text)).isEqualTo(text);
    }

    @Test
    void apkAddGetsNoCache() {
        assertThat(apk("FROM alpine:3.20\nRUN apk update && apk --no-progress add curl git\n"))
                .isEqualTo("FROM alpine:3.20\nRUN apk update && apk --no-progress add --no-cache curl git\n");
        assertThat(apk("FROM alpine:3.20\nRUN apk add \\\n    curl\n")).isEqualTo("FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RUN apk add --no-cache curl", "RUN --mount=type=cache,target=/var/cache/apk apk add curl",
            "RUN echo apk add curl", "RUN apk $CMD curl", "RUN apk del curl"})
    void apkLeavesWhatIsFineOrUnclear(String run) {
        String text = "FROM alpine:3.20\n" + run + "\n";
        assertThat(apk(text)).isEqualTo(text);
    }
}
