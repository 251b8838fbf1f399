package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld022CacheFlagsTest {
    private final Ld022CacheFlags rule = new Ld022CacheFlags();

    @Test
    void firesOnApkAndPipWithoutCacheControl() {
        assertThat(lines(rule, "FROM a:1\nRUN apk add curl\nRUN pip install flask\nRUN python3 -m pip install x\n"))
                .containsExactly(2, 3, 4);
    }

    @Test
    void silentWithFlagsMountsOrEnv() {
        assertThat(lines(rule, """
                FROM a:1
                RUN apk add --no-cache curl
                RUN --mount=type=cache,target=/var/cache/apk apk add curl
                RUN pip install --no-cache-dir flask
                RUN --mount=type=cache,target=/root/.cache/pip pip install flask
                RUN PIP_NO_CACHE_DIR=1 pip install flask
                RUN pip download x && pip --version
                """)).isEmpty();
        assertThat(lines(rule, "FROM a:1\nENV PIP_NO_CACHE_DIR=1\nRUN pip3 install x\n")).isEmpty();
    }
}
