#!/usr/bin/env python3
"""Writes N realistic Dockerfiles under DIR (DIR/NNNN/Dockerfile), reproducibly (fixed seed).

They mix what real projects do: Debian/Ubuntu/Alpine/distroless/language bases, apt/apk/pip/npm installs,
multi-stage builds, COPY/ADD, ARG/ENV, HEALTHCHECK, USER, heredocs, and the usual mistakes (unpinned
tags and packages, cd in RUN, apt without cleanup, ADD for local files, shell-form CMD, MAINTAINER, ...).
Usage: make-corpus.py DIR [N] [SEED]
"""
import os
import random
import sys

out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000
rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
DIGEST = "@sha256:" + "ab" * 32

DEBIANS = ["debian:12", "debian:bookworm-slim", "ubuntu:22.04", "ubuntu:24.04", "debian:latest", "ubuntu"]
ALPINES = ["alpine:3.19", "alpine:3.20", "alpine", "alpine:latest"]
LANGS = {"python": ["python:3.12-slim", "python:3.11", "python:3.12-alpine"],
         "node": ["node:20-bookworm-slim", "node:20-alpine", "node:lts"],
         "go": ["golang:1.22", "golang:1.22-alpine"],
         "java": ["eclipse-temurin:21-jdk", "maven:3.9-eclipse-temurin-21"]}
RUNTIMES = ["gcr.io/distroless/static-debian12", "gcr.io/distroless/base-debian12:nonroot", "alpine:3.20",
            "debian:12-slim", "eclipse-temurin:21-jre", "scratch"]
APT = ["curl", "ca-certificates", "git", "build-essential", "libpq-dev", "gnupg", "unzip", "jq", "wget", "tzdata",
       "locales", "openssh-client", "python3", "python3-pip", "make", "gcc"]
APK = ["curl", "ca-certificates", "git", "bash", "tzdata", "jq", "openssl", "build-base", "musl-dev", "libffi-dev"]
PIP = ["flask", "gunicorn", "requests", "django", "psycopg2-binary", "uvicorn", "fastapi", "numpy", "celery", "boto3"]
NPM = ["typescript", "pm2", "nodemon", "yarn", "pnpm", "serve"]


def pick(xs, k):
    return rnd.sample(xs, min(k, len(xs)))


def base(image):
    # about a third pin by digest, as careful projects do
    return image + (DIGEST if rnd.random() < 0.33 and image != "scratch" else "")


def apt_run():
    pkgs = pick(APT, rnd.randint(1, 6))
    if rnd.random() < 0.5:
        pkgs = [p + "=1.2.3-1" if rnd.random() < 0.6 else p for p in pkgs]
    good = rnd.random() < 0.6
    if good:
        return ("RUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n        "
                + " \\\n        ".join(sorted(pkgs)) + " \\\n    && rm -rf /var/lib/apt/lists/*")
    variants = [
        "RUN apt-get update\nRUN apt-get install -y " + " ".join(pkgs),
        "RUN apt-get update && apt-get upgrade -y && apt-get install " + " ".join(pkgs),
        "RUN apt update && apt install -y " + " ".join(pkgs),
        "RUN sudo apt-get install -y " + " ".join(pkgs),
    ]
    return rnd.choice(variants)


def apk_run():
    pkgs = pick(APK, rnd.randint(1, 5))
    if rnd.random() < 0.5:
        pkgs = [p + "=1.2.3-r0" for p in pkgs]
    if rnd.random() < 0.6:
        return "RUN apk add --no-cache " + " ".join(pkgs)
    return rnd.choice(["RUN apk update && apk add " + " ".join(pkgs),
                       "RUN apk upgrade && apk add --no-cache " + " ".join(pkgs)])


def pip_run():
    pkgs = pick(PIP, rnd.randint(1, 4))
    if rnd.random() < 0.5:
        pkgs = [p + "==2.0.1" for p in pkgs]
    if rnd.random() < 0.3:
        return "COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt"
    return "RUN pip install " + ("--no-cache-dir " if rnd.random() < 0.6 else "") + " ".join(pkgs)


def npm_run():
    r = rnd.random()
    if r < 0.4:
        return "COPY package.json package-lock.json ./\nRUN npm ci --omit=dev"
    pkgs = pick(NPM, rnd.randint(1, 3))
    if rnd.random() < 0.5:
        pkgs = [p + "@1.2.3" for p in pkgs]
    return "RUN npm install -g " + " ".join(pkgs)


def heredoc():
    return rnd.choice([
        "RUN <<EOF\nset -eu\nmkdir -p /app/data\necho ready > /app/data/state\nEOF",
        "COPY <<-EOF /etc/app.conf\n\tlisten = 0.0.0.0:8080\n\tlog = info\n\tEOF",
        "RUN <<EOT bash\nset -euo pipefail\nfor d in cache logs tmp; do mkdir -p /var/app/$d; done\nEOT",
    ])


def metadata(lines):
    if rnd.random() < 0.5:
        lines.append('LABEL org.opencontainers.image.source="https://example.com/app" \\\n'
                     '      org.opencontainers.image.version="1.0"')
    if rnd.random() < 0.08:
        lines.append("MAINTAINER someone@example.com")
    if rnd.random() < 0.5:
        lines.append("ENV APP_ENV=production LANG=C.UTF-8")
    if rnd.random() < 0.15:
        lines.append("ENV APP_ENV production")


def tail(lines, port):
    if rnd.random() < 0.7:
        lines.append("EXPOSE %d" % port)
    if rnd.random() < 0.5:
        lines.append('HEALTHCHECK --interval=30s --timeout=3s CMD ["/app/healthcheck"]' if rnd.random() < 0.7
                     else "HEALTHCHECK CMD curl -f http://localhost:%d/ || exit 1" % port)
    if rnd.random() < 0.65:
        lines.append(rnd.choice(["USER 65532:65532", "USER app", "USER nobody", "USER root"]))
    lines.append(rnd.choice(['CMD ["/app/server"]', "CMD /app/server --port %d" % port,
                             'ENTRYPOINT ["/app/server"]\nCMD ["--port", "%d"]' % port, 'CMD ["python", "app.py"]',
                             'CMD ["node", "server.js"]']))


def single():
    lines = []
    if rnd.random() < 0.3:
        lines.append("# syntax=docker/dockerfile:1")
    if rnd.random() < 0.3:
        lines.append("ARG VERSION=1.0.0")
    kind = rnd.random()
    img = rnd.choice(DEBIANS) if kind < 0.4 else rnd.choice(ALPINES) if kind < 0.6 else rnd.choice(
        LANGS["python"] + LANGS["node"])
    lines.append("FROM " + base(img))
    metadata(lines)
    lines.append(rnd.choice(["WORKDIR /app", "WORKDIR app", "RUN mkdir -p /app && cd /app"]))
    if "alpine" in img:
        lines.append(apk_run())
    elif img.startswith(("debian", "ubuntu")) or rnd.random() < 0.4:
        lines.append(apt_run())
    if img.startswith("python") or rnd.random() < 0.2:
        lines.append(pip_run())
    if img.startswith("node") or rnd.random() < 0.1:
        lines.append(npm_run())
    if rnd.random() < 0.3:
        lines.append(heredoc())
    lines.append(rnd.choice(["COPY . .", "COPY src/ /app/src/", "ADD . /app", "ADD app.tar.gz /app/",
                             "ADD https://example.com/tool.tar.gz /tmp/", "COPY --chown=app:app . /app"]))
    if rnd.random() < 0.2:
        lines.append("RUN cd /app && make build")
    if rnd.random() < 0.2:
        lines.append("RUN curl -fsSL https://example.com/install.sh | sh")
    tail(lines, rnd.choice([80, 8080, 3000, 5000, 8000]))
    return lines


def multi():
    lang = rnd.choice(list(LANGS))
    lines = ["# syntax=docker/dockerfile:1", "ARG APP=server"]
    build = rnd.choice(LANGS[lang])
    lines.append("FROM %s AS %s" % (base(build), rnd.choice(["build", "builder", "deps"])))
    stage = lines[-1].split()[-1]
    lines.append("WORKDIR /src")
    if lang == "go":
        lines += ["COPY go.mod go.sum ./", "RUN --mount=type=cache,target=/root/go/pkg/mod go mod download",
                  "COPY . .", "RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app"]
    elif lang == "java":
        lines += ["COPY pom.xml .", "RUN mvn -B dependency:go-offline", "COPY src ./src",
                  "RUN mvn -B package -DskipTests && cp target/*.jar /out/app.jar"]
    elif lang == "node":
        lines += [npm_run(), "COPY . .", "RUN npm run build"]
    else:
        lines += [pip_run(), "COPY . .", "RUN python -m compileall ."]
    if rnd.random() < 0.2:
        lines.append(heredoc())
    if rnd.random() < 0.3:
        lines += ["", "FROM %s AS test" % stage, "RUN make test"]
    runtime = rnd.choice(RUNTIMES)
    lines += ["", "FROM " + base(runtime)]
    metadata(lines)
    if rnd.random() < 0.15:
        lines.append("ARG APP")
    lines.append("COPY --from=%s /out/ /app/" % (stage if rnd.random() < 0.9 else "nonexistent"))
    if runtime.startswith("alpine") and rnd.random() < 0.5:
        lines.append(apk_run())
    tail(lines, rnd.choice([80, 8080, 3000, 5000, 8000, 99999]))
    return lines


for i in range(n):
    d = os.path.join(out, "%04d" % i)
    os.makedirs(d, exist_ok=True)
    lines = multi() if rnd.random() < 0.4 else single()
    with open(os.path.join(d, "Dockerfile"), "w") as f:
        f.write("\n".join(lines) + "\n")
