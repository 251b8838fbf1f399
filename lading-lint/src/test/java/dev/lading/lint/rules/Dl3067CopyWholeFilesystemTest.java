package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3067CopyWholeFilesystemTest {
    private final Dl3067CopyWholeFilesystem rule = new Dl3067CopyWholeFilesystem();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM debian:12 AS build
                FROM scratch
                COPY --from=build / /
                COPY --from=build ["/", "/"]
                """)).containsExactly(3, 4);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM debian:12 AS build
                FROM scratch
                COPY --from=build /out /
                COPY --from=build / /rootfs/
                COPY / /
                """)).isEmpty();
    }
}
