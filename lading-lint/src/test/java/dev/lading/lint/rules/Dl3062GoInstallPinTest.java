package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3062GoInstallPinTest {
    private final Dl3062GoInstallPin rule = new Dl3062GoInstallPin();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM golang:1.23
                RUN go install github.com/x/tool
                RUN go install -ldflags "-s -w" golang.org/x/tools/gopls
                ARG PKG=example.com/cmd/app
                RUN go install $PKG
                """)).containsExactly(2, 3, 5);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM golang:1.23
                RUN go install github.com/x/tool@v1.2.3
                RUN go install ./... && go install . && go install /src/cmd/app
                RUN go build ./cmd/app && go get example.com/x
                ARG PKG
                RUN go install $PKG
                """)).isEmpty();
    }
}
