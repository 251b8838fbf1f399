package dev.lading.bench;

import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.DockerfileParseException;
import dev.lading.dockerfile.DockerfileParser;
import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import dev.lading.lint.Linter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;

/** Parsing one realistic multi-stage Dockerfile, and linting it with every built-in rule (no ShellCheck). */
@State(Scope.Thread)
public class DockerfileBench {

    static final String DOCKERFILE = """
            # syntax=docker/dockerfile:1
            ARG BASE=debian:12
            FROM ${BASE} AS build
            ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
            RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates python3-pip build-essential \\
                && curl -fsSL https://example.com/install.sh | sh \\
                && rm -rf /var/lib/apt/lists/*
            WORKDIR /src
            COPY requirements.txt .
            RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
            COPY . .
            RUN <<EOF
            set -e
            make all
            chown -R 1000:1000 /src/out
            EOF
            FROM node:20-alpine AS web
            WORKDIR /web
            COPY web/package.json web/package-lock.json ./
            RUN npm ci && npm cache clean --force
            COPY web/ .
            RUN npm run build
            FROM gcr.io/distroless/base-debian12:nonroot
            LABEL org.opencontainers.image.source="https://example.com/app" org.opencontainers.image.version="1.2.3"
            COPY --from=build --chown=65532:65532 /src/out/app /app
            COPY --from=web /web/dist /app/static
            EXPOSE 8080/tcp
            HEALTHCHECK --interval=30s CMD ["/app", "health"]
            USER 65532:65532
            ENTRYPOINT ["/app"]
            CMD ["serve"]
            """;

    private Linter linter;

    @Setup
    public void setup() {
        linter = Linter.withBuiltinRules(LintConfig.empty());
    }

    @Benchmark
    public Dockerfile parse() throws DockerfileParseException {
        return DockerfileParser.parse("Dockerfile", DOCKERFILE);
    }

    @Benchmark
    public List<Finding> lint() {
        return linter.lint("Dockerfile", DOCKERFILE);
    }
}
