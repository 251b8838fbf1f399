package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld002BuildInFinalStageTest {
    private final Ld002BuildInFinalStage rule = new Ld002BuildInFinalStage();

    @Test
    void firesOnToolchainsInTheFinalStage() {
        assertThat(lines(rule, """
                FROM a:1
                RUN apt-get install -y --no-install-recommends build-essential libpq-dev=15
                RUN make && make install
                RUN go build -o /app .
                RUN npm run build
                RUN pip wheel -w /w .
                """)).containsExactly(2, 3, 4, 5, 6);
    }

    @Test
    void silentInBuildStagesAndForRuntimePackages() {
        assertThat(lines(rule, """
                FROM golang:1.23 AS build
                RUN apt-get install -y gcc && go build -o /app .
                FROM debian:12
                RUN apt-get install -y --no-install-recommends ca-certificates libpq5 && echo make
                COPY --from=build /app /app
                RUN npm run start
                """)).isEmpty();
    }
}
