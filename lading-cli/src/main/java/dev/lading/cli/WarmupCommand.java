package dev.lading.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.DockerReference;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.Platform;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.oci.layout.OciLayout;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one group of lading's code paths (or all of them) so the launcher can record a class cache (AOT/CDS archive)
 * from this run. A JVM that starts from that cache skips most class loading and linking, which is most of a short
 * command's time. The launcher keeps one cache per group: with JDK 25's AOT class linking every class in a cache is
 * loaded at start-up, so a lint run that starts from a cache holding the build, registry and scan classes too pays
 * for ~4000 classes it never uses (measured: a one-file lint from the lint-only cache took two thirds of the time it
 * took from the everything cache). Hidden: users never need it.
 */
@Command(name = "__warmup", hidden = true, description = "Exercise common code paths (used by ./lading to train the JVM cache).")
final class WarmupCommand implements java.util.concurrent.Callable<Integer> {

    /**
     * The launcher's command groups, each with its own class cache; "all" runs every one. Lint has two: "lint"
     * for the common run (text or JSON, configuration and compose files included), and "lint-full" for the
     * report formats, baselines and the dockerfile command, which need Jackson's data binding (~500 classes every
     * plain lint would otherwise load at start-up for nothing).
     */
    static final List<String> GROUPS = List.of("image", "build", "lint", "lint-full", "scan", "other");

    private static final int WARM_LAYER_BYTES = 24 * 1024 * 1024;

    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", defaultValue = "all", paramLabel = "GROUP",
            description = "image, build, lint, scan, other, or all (default).")
    String group;

    @Override
    public Integer call() throws Exception {
        if (!group.equals("all") && !GROUPS.contains(group)) {
            throw CliException.usage("unknown warm-up group '" + group + "': one of " + String.join(", ", GROUPS) + " or all");
        }
        Path dir = temporaryDirectory();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(sink);
        System.setErr(sink);
        try {
            for (String g : GROUPS) {
                if (group.equals("all") || group.equals(g)) {
                    Path d = Files.createDirectories(dir.resolve(g));
                    switch (g) {
                        case "image" -> image(d);
                        case "build" -> build(d);
                        case "lint" -> lint(d, false);
                        case "lint-full" -> lint(d, true);
                        case "scan" -> scan(d);
                        default -> other();
                    }
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            dev.lading.oci.FileTrees.delete(dir);
        }
        return 0;
    }

    /**
     * A new private directory under the system's temporary directory, named without {@link Files#createTempDirectory}'s
     * SecureRandom: that would put the security providers' classes in every cache this run trains, for commands that
     * never use them. The name is unique to this process and moment; creating it fails rather than reuse one.
     */
    private static Path temporaryDirectory() throws java.io.IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        for (int attempt = 0; ; attempt++) {
            Path dir = tmp.resolve("lading-warmup-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            try {
                return Files.createDirectory(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            } catch (UnsupportedOperationException e) {
                return Files.createTempDirectory("lading-warmup-"); // not a POSIX file system
            }
        }
    }

    /** A command line as a user would type it, through the same parsing; a failure is a broken warm-up. */
    private static void lading(String... args) {
        int code = args[0].equals("lint") ? Main.lint(args) : Main.run(args); // as Main.main does
        if (code > 1) { // 1 is "findings" for lint and scan
            throw new IllegalStateException("warm-up step failed (" + code + "): lading " + String.join(" ", args));
        }
    }

    /** Layout to layout, layout to registry and back, inspect: copy, inspect, tag, images and friends. */
    private static void image(Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        MiniRegistry registry = new MiniRegistry();
        server.createContext("/", registry::handle);
        server.start();
        try {
            OciLayout a = OciLayout.createOrOpen(dir.resolve("a"));
            // Large enough that the byte paths (HTTP reads, hashing, stream chains, file writes) run hot while the
            // cache is recorded: the JVM keeps their profiles and compiles them at once in later runs.
            byte[] layer = new byte[WARM_LAYER_BYTES];
            new java.util.Random(42).nextBytes(layer);
            ImageConfig cfg = new ImageConfig("1970-01-01T00:00:00Z", null, "amd64", "linux", null, null, null,
                    ImageConfig.Config.EMPTY.withUser("65532").withEnv(List.of("PATH=/bin")),
                    new ImageConfig.RootFs("layers", List.of(Digest.sha256(layer))), List.of());
            byte[] rawCfg = cfg.toJson();
            Descriptor layerDesc;
            try (AutoCloseable session = a.writeSession()) {
                layerDesc = a.writeBlob(MediaType.OCI_LAYER, layer);
                Descriptor cfgDesc = a.writeBlob(MediaType.OCI_CONFIG, rawCfg);
                byte[] raw = Manifest.oci(cfgDesc, List.of(layerDesc), null).toJson();
                a.tag("w", a.writeBlob(MediaType.OCI_MANIFEST, raw).withPlatform(Platform.host()));
            }
            String registryRef = "docker://127.0.0.1:" + server.getAddress().getPort() + "/warm/up:1";
            lading("copy", "-q", "oci:" + dir.resolve("a") + ":w", "oci:" + dir.resolve("b") + ":w");
            lading("copy", "-q", "oci:" + dir.resolve("b") + ":w", registryRef);
            lading("copy", "-q", "oci:" + dir.resolve("b") + ":w", registryRef); // everything already there
            lading("copy", "-q", registryRef, "oci:" + dir.resolve("c") + ":w");
            lading("inspect", "oci:" + dir.resolve("c") + ":w");
            lading("inspect", "--format", "json", registryRef);
            try (var reader = OciLayout.open(dir.resolve("c")).reader("w")) {
                ResolvedImage.load(reader, null);
            }
            // registries.conf is TOML: parse one so the parser's classes are in the cache for those who have mirrors
            DockerReference ref = DockerReference.parse(registryRef.substring("docker://".length()));
            dev.lading.registry.RegistriesConf.parse("[[registry]]\nlocation = \"" + ref.registry() + "\"\n[[registry.mirror]]\n"
                    + "location = \"" + ref.registry() + "/mirror\"\n", null).pullSources(ref);
            tlsClientHello();
        } finally {
            server.stop(0);
        }
    }

    /**
     * The registry above speaks plain HTTP, which no longer sets up TLS (see TlsContexts): a client's first TLS
     * message, written here without a server, puts the classes of TLS set-up and key exchange in the cache for the
     * registries that speak HTTPS, as most do.
     */
    private static void tlsClientHello() throws Exception {
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, null, null);
        javax.net.ssl.SSLEngine engine = ctx.createSSLEngine("registry.invalid", 443);
        engine.setUseClientMode(true);
        javax.net.ssl.SSLParameters p = engine.getSSLParameters();
        p.setApplicationProtocols(new String[]{"h2", "http/1.1"});
        engine.setSSLParameters(p);
        engine.beginHandshake();
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(java.nio.ByteBuffer.allocate(0), out);
        engine.closeOutbound();
    }

    /** A fenced Dockerfile example in a rule's page. */
    private static final java.util.regex.Pattern DOCKERFILE_BLOCK = java.util.regex.Pattern.compile("```dockerfile\\n(.*?)```", java.util.regex.Pattern.DOTALL);

    /**
     * Several Dockerfiles that wake most rules (package managers, shell, labels, stages), a configuration file and
     * a compose file, text and JSON output; with {@code full}, also the SARIF, GitLab and baseline paths and the
     * dockerfile command.
     */
    private static void lint(Path dir, boolean full) throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve(".lading.yaml"), "ignore: [LD014]\ntrustedRegistries: [docker.io]\n");
        Files.writeString(app.resolve("Dockerfile"), """
                # syntax=docker/dockerfile:1
                ARG BASE=debian:12
                FROM ${BASE} AS build
                ENV DEBIAN_FRONTEND=noninteractive
                RUN apt-get update && apt-get install -y curl ca-certificates python3-pip \\
                    && curl -fsSL https://example.com/install.sh | sh && rm -rf /var/lib/apt/lists/*
                RUN pip install requests==2.32.0 && npm install -g typescript && cd /tmp && wget -q https://example.com/x.tgz
                WORKDIR app
                COPY . .
                RUN <<EOF
                set -e
                chown -R 1000:1000 /app
                EOF
                FROM alpine:3.20
                RUN apk add --no-cache tini
                COPY --from=build --chown=65532:65532 /app /app
                EXPOSE 8080/tcp
                HEALTHCHECK --interval=30s --timeout=3s --start-period=1m30s CMD ["/app/health"]
                USER 65532
                ENTRYPOINT /app/run
                """);
        // ignore files, as most projects have: Docker's pattern matching, and the per-Dockerfile name
        Files.writeString(app.resolve(".dockerignore"), "# build output\n**/*.log\n.git\n!keep.log\n/secrets/\n[a-c]?.tmp\n");
        Files.writeString(dir.resolve("Dockerfile.dockerignore"), ".env*\n*.pem\nnode_modules\n");
        Files.writeString(app.resolve("compose.yaml"), """
                x-common: &common
                  restart: unless-stopped
                services:
                  web:
                    <<: *common
                    image: nginx:latest
                    privileged: true
                    ports: ["80:80"]
                    environment:
                      DB_PASSWORD: hunter2
                  db:
                    image: postgres:16
                    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
                """);
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM ubuntu:latest
                MAINTAINER someone
                RUN yum install -y httpd && dnf install -y git && zypper install -y vim && gem install rails
                ADD https://example.com/a.tar.gz /opt/
                LABEL org.opencontainers.image.version="1.0" maintainer="x"
                CMD node server.js
                """);
        // every rule's documented bad and good examples: each rule's path to a finding and past it, so the cache
        // holds the classes (lambdas, switch and method-handle forms) of all of them, not only of what the two
        // files above wake
        Path examples = Files.createDirectories(dir.resolve("rules"));
        int n = 0;
        for (dev.lading.lint.Rule rule : dev.lading.lint.Linter.withBuiltinRules(dev.lading.lint.LintConfig.empty()).rules()) {
            String page = dev.lading.lint.RuleDocs.page(rule.id()).orElse("");
            java.util.regex.Matcher m = DOCKERFILE_BLOCK.matcher(page);
            while (m.find()) {
                Files.writeString(examples.resolve("Dockerfile." + rule.id() + "-" + (++n)), m.group(1));
            }
        }
        lading("lint", "--no-shellcheck", dir.toString());
        lading("lint", "--no-shellcheck", "--format", "json", dir.toString());
        // one file named on the command line, with the default options: ShellCheck over its RUNs where it is on
        // PATH (the notice where it is not), as `lading lint Dockerfile` runs
        lading("lint", app.resolve("Dockerfile").toString());
        // an option the quick reading leaves to picocli: its path too, as `lading lint --config ...` takes it
        lading("lint", "--no-shellcheck", "--config", dir.resolve(".lading.yaml").toString(), app.toString());
        if (full) {
            lading("lint", "--no-shellcheck", "--format", "sarif", examples.toString());
            lading("lint", "--no-shellcheck", "--format", "gitlab", app.toString());
            Path baseline = dir.resolve("baseline.json");
            lading("lint", "--no-shellcheck", "--write-baseline", baseline.toString(), app.toString());
            lading("lint", "--no-shellcheck", "--baseline", baseline.toString(), dir.toString());
            lading("dockerfile", "parse", "--format", "json", app.resolve("Dockerfile").toString());
        }
    }

    /** A small Debian-like image with language packages and a planted secret: sbom and scan with every scanner. */
    private static void scan(Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n");
        Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.writeString(root.resolve("var/lib/dpkg/status"), """
                Package: openssl
                Status: install ok installed
                Architecture: amd64
                Version: 3.0.11-1~deb12u1
                Description: toolkit

                Package: libssl3
                Status: install ok installed
                Architecture: amd64
                Source: openssl
                Version: 3.0.11-1~deb12u1
                Description: library

                """);
        Path py = Files.createDirectories(root.resolve("usr/lib/python3/dist-packages/requests-2.31.0.dist-info"));
        Files.writeString(py.resolve("METADATA"), "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache-2.0\n");
        Path npm = Files.createDirectories(root.resolve("app/node_modules/lodash"));
        Files.writeString(npm.resolve("package.json"), "{\"name\":\"lodash\",\"version\":\"4.17.20\",\"license\":\"MIT\"}\n");
        Files.writeString(root.resolve("app/.env"), "AWS_ACCESS_KEY_ID=AKIA" + "IOSFODNN7EXAMPLE\nAPI_TOKEN=x\n");
        Path db = Files.createDirectories(dir.resolve("db"));
        Files.writeString(db.resolve("DSA-0000-1.json"), """
                {"id":"DSA-0000-1","modified":"2024-01-01T00:00:00Z","aliases":["CVE-2024-0001"],
                 "affected":[{"package":{"ecosystem":"Debian:12","name":"openssl"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.0.13-1~deb12u1"}]}]}]}
                """);
        String image = "oci:" + dir.resolve("layout") + ":w";
        lading("import", "-q", "-t", image, root.toString());
        lading("sbom", "-q", "--format", "cyclonedx-json", "-o", dir.resolve("sbom.json").toString(), image);
        lading("sbom", "-q", "--format", "spdx-json", "-o", dir.resolve("spdx.json").toString(), image);
        lading("scan", "-q", "--db", db.toString(), "--format", "json", "-o", dir.resolve("scan.json").toString(), image);
        lading("scan", "-q", "--db", db.toString(), image);
    }

    /** Help, version and usage errors: what the other commands share. */
    private static void other() {
        lading("--version");
        lading("--help");
        lading("copy", "--help");
        Main.run("copy", "--no-such-flag");
    }

    /** The training context's source tree: directories, and files in each. */
    private static final int WARMUP_DIRS = 40;
    private static final int WARMUP_FILES_PER_DIR = 50;

    /**
     * A COPY-only build (lint first, as a default build does), then the same build again: the cold path and the
     * all-cached path whose start-up time users notice most. No RUN: that would probe the host's sandboxes.
     */
    private static void build(Path dir) throws Exception {
        Path context = Files.createDirectories(dir.resolve("context/src/app"));
        Files.writeString(context.resolve("main.txt"), "hello\n");
        // A source tree of some size: the class cache keeps the profiles of what training ran (JDK 25), and a
        // rebuild's time goes into walking and stat-ing the context file by file. With a one-file tree, the JIT met
        // that loop cold in every real build.
        for (int d = 0; d < WARMUP_DIRS; d++) {
            Path sub = Files.createDirectories(context.resolve("lib/d" + d));
            for (int f = 0; f < WARMUP_FILES_PER_DIR; f++) {
                Files.writeString(sub.resolve("f" + f + ".txt"), "file " + d + "/" + f + "\n");
            }
        }
        Files.writeString(dir.resolve("context/.dockerignore"), "*.tmp\n");
        Files.writeString(dir.resolve("context/Dockerfile"), """
                # syntax=docker/dockerfile:1
                FROM scratch AS files
                ARG VERSION=1
                COPY src /src
                FROM scratch
                LABEL org.opencontainers.image.title=warmup
                ENV APP_VERSION=${VERSION}
                COPY --from=files --chown=65532:65532 /src /app
                WORKDIR /app
                USER 65532
                ENTRYPOINT ["/app/main"]
                """);
        // A file whose ctime is this recent is hashed again by every build (ContentHashes' racy case): wait it out
        // once, so the second build takes the path of a real no-op rebuild, every digest from memory.
        Thread.sleep(java.util.concurrent.TimeUnit.SECONDS.toMillis(dev.lading.build.BuildCache.RACY_SECONDS) + 100);
        for (int i = 0; i < 2; i++) {
            BuildCommand build = new BuildCommand();
            new picocli.CommandLine(build).parseArgs("-q", "-t", "warmup:1", dir.resolve("context").toString());
            build.env = Map.of("LADING_HOME", dir.resolve("home").toString());
            build.call();
        }
    }

    /** Just enough of the distribution API for one push and one pull. */
    private static final class MiniRegistry {
        private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
        private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
        private final Map<String, String> manifestTypes = new ConcurrentHashMap<>();

        void handle(HttpExchange ex) throws IOException {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            ex.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
            if (path.equals("/v2/")) {
                send(ex, 200, "{}".getBytes(StandardCharsets.UTF_8), method);
            } else if (path.contains("/blobs/uploads/")) {
                if (method.equals("POST")) {
                    ex.getResponseHeaders().set("Location", path + "u1");
                    send(ex, 202, new byte[0], method);
                } else {
                    String digest = ex.getRequestURI().getQuery().replaceAll(".*digest=([^&]+).*", "$1").replace("%3A", ":");
                    blobs.put(digest, body);
                    send(ex, 201, new byte[0], method);
                }
            } else if (path.contains("/blobs/")) {
                byte[] b = blobs.get(path.substring(path.lastIndexOf('/') + 1));
                if (b == null) {
                    send(ex, 404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"unknown\"}]}".getBytes(StandardCharsets.UTF_8), method);
                } else {
                    ex.getResponseHeaders().set("Content-Length", Long.toString(b.length));
                    send(ex, 200, b, method);
                }
            } else if (path.contains("/manifests/")) {
                String key = path.substring(path.lastIndexOf('/') + 1);
                if (method.equals("PUT")) {
                    Digest d = Digest.sha256(body);
                    manifests.put(key, body);
                    manifests.put(d.toString(), body);
                    String type = ex.getRequestHeaders().getFirst("Content-Type");
                    manifestTypes.put(key, type);
                    manifestTypes.put(d.toString(), type);
                    ex.getResponseHeaders().set("Docker-Content-Digest", d.toString());
                    send(ex, 201, new byte[0], method);
                } else {
                    byte[] m = manifests.get(key);
                    if (m == null) {
                        send(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"unknown\"}]}".getBytes(StandardCharsets.UTF_8), method);
                    } else {
                        ex.getResponseHeaders().set("Content-Type", manifestTypes.get(key));
                        ex.getResponseHeaders().set("Docker-Content-Digest", Digest.sha256(m).toString());
                        send(ex, 200, m, method);
                    }
                }
            } else {
                send(ex, 404, new byte[0], method);
            }
        }

        private static void send(HttpExchange ex, int status, byte[] body, String method) throws IOException {
            boolean head = method.equals("HEAD");
            ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        }
    }


}
