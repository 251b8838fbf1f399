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
import dev.lading.oci.content.ContentWriter;
import dev.lading.oci.content.CopyOptions;
import dev.lading.oci.content.ImageCopier;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.oci.layout.OciLayout;
import dev.lading.registry.CredentialProvider;
import dev.lading.registry.RegistryContent;
import dev.lading.registry.RegistryOptions;
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
 * Runs lading's common code paths once (layout copy, JSON, the HTTP client against an in-process registry
 * stand-in) so the launcher can record a class cache (AOT/CDS archive) from this run. A JVM that starts from
 * that cache skips most class loading and linking, which is most of a short command's time. Hidden: users
 * never need it.
 */
@Command(name = "__warmup", hidden = true, description = "Exercise common code paths (used by ./lading to train the JVM cache).")
final class WarmupCommand implements java.util.concurrent.Callable<Integer> {

    private static final int WARM_LAYER_BYTES = 24 * 1024 * 1024;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("lading-warmup-");
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
            OciLayout b = OciLayout.createOrOpen(dir.resolve("b"));
            try (ContentWriter w = b.writer("w")) {
                ImageCopier.copy(a.reader("w"), w, CopyOptions.defaults());
            }
            ResolvedImage.load(b.reader("w"), null);
            DockerReference ref = DockerReference.parse("127.0.0.1:" + server.getAddress().getPort() + "/warm/up:1");
            try (RegistryContent reg = RegistryContent.open(ref, CredentialProvider.anonymous(), RegistryOptions.defaults())) {
                ImageCopier.copy(b.reader("w"), reg, CopyOptions.defaults());
                OciLayout c = OciLayout.createOrOpen(dir.resolve("c"));
                try (ContentWriter w = c.writer("w")) {
                    ImageCopier.copy(reg, w, CopyOptions.defaults());
                }
            }
            // registries.conf is TOML: parse one so the parser's classes are in the cache for those who have mirrors
            dev.lading.registry.RegistriesConf.parse("[[registry]]\nlocation = \"" + ref.registry() + "\"\n[[registry.mirror]]\n"
                    + "location = \"" + ref.registry() + "/mirror\"\n", null).pullSources(ref);
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            InspectCommand inspect = new InspectCommand();
            inspect.ref = "oci:" + dir.resolve("c") + ":w";
            inspect.format = "text";
            inspect.registry = new RegistryFlags();
            PrintStream old = System.out;
            System.setOut(sink);
            try {
                inspect.call();
                inspect.format = "json";
                inspect.call();
                build(dir.resolve("build"));
            } finally {
                System.setOut(old);
            }
        } finally {
            server.stop(0);
            Archives.deleteTree(dir);
        }
        return 0;
    }

    /**
     * A COPY-only build (lint first, as a default build does), then the same build again: the cold path and the
     * all-cached path whose start-up time users notice most. No RUN: that would probe the host's sandboxes.
     */
    private static void build(Path dir) throws Exception {
        Path context = Files.createDirectories(dir.resolve("context/src/app"));
        Files.writeString(context.resolve("main.txt"), "hello\n");
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
        PrintStream err = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            for (int i = 0; i < 2; i++) {
                BuildCommand build = new BuildCommand();
                new picocli.CommandLine(build).parseArgs("-q", "-t", "warmup:1", dir.resolve("context").toString());
                build.env = Map.of("LADING_HOME", dir.resolve("home").toString());
                build.call();
            }
        } finally {
            System.setErr(err);
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
