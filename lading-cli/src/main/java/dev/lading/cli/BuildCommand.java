package dev.lading.cli;

import dev.lading.build.BaseImageResolver;
import dev.lading.build.BuildCache;
import dev.lading.build.BuildException;
import dev.lading.build.BuildOptions;
import dev.lading.build.BuildSecret;
import dev.lading.build.CacheExchange;
import dev.lading.lint.BaseImagePlatforms;
import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import dev.lading.lint.Linter;
import dev.lading.lint.Severity;
import dev.lading.lint.Threshold;
import dev.lading.lint.config.ConfigException;
import dev.lading.lint.config.ConfigLoader;
import dev.lading.lint.format.ReportFormat;
import dev.lading.lint.rules.InvalidBaseImagePlatform;
import dev.lading.oci.AtomicFiles;
import dev.lading.oci.Digest;
import dev.lading.oci.Json;
import dev.lading.build.BuildResult;
import dev.lading.build.Builder;
import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.DockerfileParseException;
import dev.lading.dockerfile.DockerfileParser;
import dev.lading.dockerfile.expand.BuildArgs;
import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.dockerfile.ignore.DockerIgnoreException;
import dev.lading.oci.Descriptor;
import dev.lading.oci.DockerReference;
import dev.lading.oci.ImageReference;
import dev.lading.oci.MediaType.Compression;
import dev.lading.oci.Platform;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ContentWriter;
import dev.lading.oci.content.CopyOptions;
import dev.lading.oci.content.ImageCopier;
import dev.lading.oci.layout.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "build",
        description = {"Build an image from a Dockerfile, without a daemon and without root.",
                "",
                "The image goes to the local store under each -t tag, or where --output/--push say. Builds are",
                "reproducible: file times and the creation time are $SOURCE_DATE_EPOCH (or 0), owners are 0:0",
                "unless --chown, so the same context gives the same digest. Layers are cached by content in",
                "$LADING_HOME/cache; --no-cache builds every layer again.",
                "",
                "RUN executes in a rootless sandbox (bubblewrap, util-linux unshare, crun or runc: see `lading doctor`),",
                "as root inside and unprivileged outside; its changes become a layer. RUN --mount=type=cache directories",
                "live in $LADING_HOME/cache/mounts between builds; type=secret reads --secret values."},
        footer = {"", "Examples:",
                "  lading build -t app:dev .",
                "  lading build -f docker/Dockerfile --target runtime --build-arg VERSION=1.2 -t app:1.2 .",
                "  lading build --output type=oci-archive,dest=app.tar -t app:1 .",
                "  lading build --push -t registry.example.com/app:1 ."},
        mixinStandardHelpOptions = true)
final class BuildCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONTEXT", description = "The build context directory.")
    Path context;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The Dockerfile (default: CONTEXT/Dockerfile).")
    Path file;

    @Option(names = {"-t", "--tag"}, paramLabel = "REF", description = "Name the image REPO[:TAG] (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--build-arg", paramLabel = "NAME[=VALUE]",
            description = "Set a build-time variable (repeatable); without a value it is taken from the environment.")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage and what it needs, not the last one.")
    String target;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set an image label (repeatable); overrides the Dockerfile's.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "The platform to build for (default: this host's).")
    String platform;

    @Option(names = "--no-cache", description = "Do not use the build cache.")
    boolean noCache;

    @Option(names = {"-o", "--output"}, paramLabel = "type=TYPE,dest=PATH",
            description = "Where the image goes instead of the store: type=oci,dest=DIR | type=oci-archive,dest=FILE | "
                    + "type=docker-archive,dest=FILE | type=registry (push the -t tags).")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--push", description = "Push the image to the registry of each -t tag (like --output type=registry).")
    boolean push;

    @Option(names = "--iidfile", paramLabel = "FILE", description = "Write the image's manifest digest to FILE.")
    Path iidfile;

    @Option(names = "--metadata-file", paramLabel = "FILE",
            description = "Write the build result as JSON to FILE (containerimage.digest, containerimage.config.digest, image.name, layers built and cached).")
    Path metadataFile;

    @Option(names = "--pull", description = "Always resolve base images from their registry, even when the local store has the name.")
    boolean pull;

    @Option(names = "--cache-from", paramLabel = "REF",
            description = "Use build cache exported by --cache-to (repeatable): an image reference (registry, oci:DIR:TAG) or "
                    + "buildx's type=registry,ref=REF / type=local,src=DIR. Layers are fetched only for steps that hit; a "
                    + "missing cache is a warning.")
    List<String> cacheFrom = new ArrayList<>();

    @Option(names = "--cache-to", paramLabel = "REF",
            description = "Export this build's cache (every step's layer, keyed by content) as OCI artifacts to REF, "
                    + "the same forms as --cache-from, so other machines can --cache-from it.")
    String cacheTo;

    @Option(names = "--check", description = "Only lint the Dockerfile (with the config `lading lint` uses) and exit: 0 when no finding is at or above the failure threshold, 1 otherwise.")
    boolean check;

    @Option(names = "--no-lint", description = "Do not print lint warnings before building.")
    boolean noLint;

    @Option(names = "--secret", paramLabel = "id=ID[,src=PATH|env=VAR]",
            description = "Expose a secret to RUN --mount=type=secret,id=ID (repeatable): the content of PATH, or of the "
                    + "environment variable VAR (default: a file or variable named ID). It never enters a layer, the "
                    + "config, the history or the cache key.")
    List<String> secrets = new ArrayList<>();

    @Mixin
    OutputOptions output;

    @Mixin
    RegistryFlags registry;

    /** The environment: LADING_HOME, SOURCE_DATE_EPOCH and --build-arg NAME without a value read it. Tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(context)) {
            throw CliException.usage("the build context must be a directory: " + context);
        }
        Path dockerfilePath = file != null ? file : context.resolve("Dockerfile");
        if (!Files.isRegularFile(dockerfilePath)) {
            throw CliException.usage("no Dockerfile at " + dockerfilePath + " (use -f)");
        }
        if (check || !noLint) {
            int lintExit = lint(dockerfilePath);
            if (check) {
                return lintExit;
            }
        }
        // docker's -t takes a bare name; store: (where the image goes anyway) and docker:// are accepted too
        List<DockerReference> names = tags.stream()
                .map(t -> t.startsWith("store:") ? t.substring("store:".length()) : t)
                .map(Transports::parseDocker).toList();
        List<ImageReference> destinations = destinations(names);
        Platform p = platform == null ? Platform.host() : InspectCommand.parsePlatform(platform);
        String platformText = p.os() + "/" + p.architecture() + (p.variant() == null ? "" : "/" + p.variant());
        Platform host = Platform.host();
        String hostText = host.os() + "/" + host.architecture() + (host.variant() == null ? "" : "/" + host.variant());
        BuildArgs args = BuildArgs.of(buildArgValues()).withPlatforms(hostText, platformText);
        if (target != null) {
            args = args.withTarget(target);
        }

        Transports transports = new Transports(env, registry);
        Store store = transports.store();
        // what each base image resolved to, for BuildKit's InvalidBaseImagePlatform check after the build
        Map<String, String> pulledPlatforms = new java.util.concurrent.ConcurrentHashMap<>();
        boolean quiet = output.quiet();
        BuildOptions options = BuildOptions.of(context)
                .withIgnore(ignore(dockerfilePath))
                .withPlatform(p)
                .withSourceDateEpoch(sourceDateEpoch())
                .withLabels(keyValues(labels, "--label"))
                .withBaseImages(recordingPlatforms(BaseImageResolver.copying(image -> pull
                        ? transports.reader(registryFirst(Transports.parse(image)))
                        : transports.reader(Transports.parse(image))), pulledPlatforms))
                .withDefaultLabels(defaultLabels(names))
                .withCache(noCache ? BuildCache.disabled() : BuildCache.open(store.home().resolve("cache")))
                .withSecrets(secrets())
                .withRun(new HostRunSupport(env, store.home()))
                .withProgress(line -> {
                    if (!quiet) {
                        System.err.println(line);
                    }
                });

        for (String from : noCache ? List.<String>of() : cacheFrom) { // --no-cache uses no cache at all
            ImageReference ref = cacheReference(from, "--cache-from");
            try (ContentReader reader = transports.reader(ref)) {
                Map<String, dev.lading.build.BuildCache.Entry> imported = CacheExchange.read(reader);
                options.cache().addImported(imported, layer -> {
                    // a fresh reader per fetch: the build may run long after the import was read
                    ContentReader r = transports.reader(ref);
                    return new java.io.FilterInputStream(r.openBlob(layer)) {
                        @Override
                        public void close() throws IOException {
                            try {
                                super.close();
                            } finally {
                                r.close();
                            }
                        }
                    };
                });
                if (!quiet) {
                    System.err.println("cache: " + imported.size() + " entries from " + ref.display());
                }
            } catch (IOException | dev.lading.oci.OciException e) {
                System.err.println("warning: --cache-from " + from + ": " + e.getMessage() + " (building without it)");
            }
        }

        BuildResult result;
        try (AutoCloseable session = store.layout().writeSession()) {
            Dockerfile dockerfile = DockerfileParser.parse(dockerfilePath);
            result = new Builder(store.layout(), options).cleanupInBackground().build(dockerfile, args);
            Descriptor manifest = result.manifest();
            if (destinations.isEmpty()) {
                for (DockerReference name : names) {
                    store.layout().tag(Store.refName(name), manifest);
                }
            }
        } catch (DockerfileParseException e) {
            throw CliException.usage(e.getMessage());
        } catch (BuildException e) {
            throw CliException.runtime(e.getMessage());
        }

        if (!noLint) {
            lintBaseImagePlatforms(dockerfilePath, new BaseImagePlatforms(Optional.of(platformText), pulledPlatforms));
        }
        Descriptor manifest = result.manifest();
        if (cacheTo != null) {
            ImageReference ref = cacheReference(cacheTo, "--cache-to");
            int n;
            try (ContentWriter writer = transports.writer(ref)) {
                n = CacheExchange.export(options.cache().used(), store.layout(), writer);
            }
            if (!quiet) {
                System.err.println("cache: exported " + n + " entries to " + ref.display());
            }
        }
        for (ImageReference dest : destinations) {
            try (ContentReader reader = store.layout().reader(manifest.digest().toString());
                 ContentWriter writer = transports.writer(dest)) {
                ImageCopier.copy(reader, writer, CopyOptions.defaults());
            }
            if (!quiet) {
                System.err.println("Wrote " + dest.display());
            }
        }
        if (!quiet) {
            for (DockerReference name : names) {
                if (destinations.isEmpty()) {
                    System.err.println("Tagged " + name + " in the local store");
                }
            }
            System.err.println("Built " + manifest.digest() + " (" + result.layersBuilt() + " layers built, "
                    + result.layersCached() + " from the cache)");
        }
        if (iidfile != null) {
            Files.writeString(iidfile, manifest.digest().toString(), StandardCharsets.UTF_8);
        }
        if (metadataFile != null) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("containerimage.digest", manifest.digest().toString());
            meta.put("containerimage.config.digest", Digest.sha256(result.config().toJson()).toString());
            meta.put("containerimage.descriptor", Map.of("mediaType", manifest.mediaType(), "digest", manifest.digest().toString(),
                    "size", manifest.size()));
            if (!names.isEmpty()) {
                meta.put("image.name", String.join(",", names.stream().map(DockerReference::toString).toList()));
            }
            meta.put("lading.layers.built", result.layersBuilt());
            meta.put("lading.layers.cached", result.layersCached());
            byte[] metaJson = (Json.writePretty(meta) + "\n").getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(metadataFile, out -> out.write(metaJson));
        }
        System.out.println(manifest.digest());
        return 0;
    }

    /** --output and --push as transports; empty means "the local store under the -t tags". */
    private List<ImageReference> destinations(List<DockerReference> names) {
        List<ImageReference> out = new ArrayList<>();
        String name = names.isEmpty() ? null : names.get(0).toString();
        // An OCI layout names the image by its tag, as buildx does; "latest" without one.
        String layoutName = names.isEmpty() || names.get(0).tag() == null ? "latest" : names.get(0).tag();
        for (String spec : outputs) {
            Map<String, String> kv = new LinkedHashMap<>();
            for (String part : spec.split(",")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw CliException.usage("--output wants key=value pairs, not '" + part + "'");
                }
                kv.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
            String type = kv.getOrDefault("type", "");
            String dest = kv.get("dest");
            if (!type.equals("registry") && (dest == null || dest.isEmpty())) {
                throw CliException.usage("--output type=" + type + " needs dest=PATH");
            }
            switch (type) {
                case "oci" -> out.add(new ImageReference.OciLayoutDir(Path.of(dest), layoutName));
                case "oci-archive" -> out.add(new ImageReference.OciArchive(Path.of(dest), layoutName));
                case "docker-archive" -> out.add(new ImageReference.DockerArchive(Path.of(dest), name));
                case "registry" -> push = true;
                default -> throw CliException.usage("--output type must be oci, oci-archive, docker-archive or registry, not '" + type + "'");
            }
        }
        if (push) {
            if (names.isEmpty()) {
                throw CliException.usage("--push needs at least one -t tag naming the registry repository");
            }
            names.forEach(n -> out.add(new ImageReference.Registry(n, true)));
        }
        return out;
    }

    private DockerIgnore ignore(Path dockerfilePath) throws IOException {
        try {
            return DockerIgnore.load(context, dockerfilePath);
        } catch (DockerIgnoreException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /**
     * Lints the Dockerfile as BuildKit runs its checks before a build: findings at warning or above are printed;
     * with --check every finding is, and the exit code follows the lint config's failure threshold.
     */
    private int lint(Path dockerfilePath) throws IOException {
        LintConfig cfg;
        try {
            cfg = ConfigLoader.discover(dockerfilePath);
        } catch (ConfigException e) {
            throw CliException.usage(e.getMessage());
        }
        Linter linter = Linter.withBuiltinRules(cfg);
        List<Finding> findings = linter.lint(dockerfilePath, dockerfilePath.toString());
        if (check) {
            System.out.print(ReportFormat.TEXT.render(findings, linter.rules(), false));
            Threshold threshold = cfg.failureThreshold().orElse(Threshold.DEFAULT);
            return findings.stream().anyMatch(f -> threshold.fails(f.severity())) ? 1 : 0;
        }
        List<Finding> shown = findings.stream().filter(f -> f.severity().atLeast(Severity.WARNING)).toList();
        if (!shown.isEmpty() && !output.quiet()) {
            System.err.print(ReportFormat.TEXT.render(shown, linter.rules(), false));
            System.err.println("(" + shown.size() + " lint warning" + (shown.size() == 1 ? "" : "s")
                    + "; `lading build --check` lints only, --no-lint hides them)");
        }
        return 0;
    }

    /** Wraps a resolver so that the platform of every base image it resolves is recorded ({@code os/arch[/variant]}). */
    private static BaseImageResolver recordingPlatforms(BaseImageResolver resolver, Map<String, String> into) {
        return (image, platform, layout) -> {
            dev.lading.build.BaseImage b = resolver.resolve(image, platform, layout);
            dev.lading.oci.ImageConfig c = b.config();
            if (c.os() != null && !c.os().isEmpty() && c.architecture() != null && !c.architecture().isEmpty()) {
                into.put(image, c.os() + "/" + c.architecture() + (c.variant() == null || c.variant().isEmpty() ? "" : "/" + c.variant()));
            }
            return b;
        };
    }

    /**
     * BuildKit's InvalidBaseImagePlatform, which only a build can judge: printed after the build, as BuildKit
     * prints the warnings it found while pulling, with the same configuration and pragmas as the lint before it.
     */
    private void lintBaseImagePlatforms(Path dockerfilePath, BaseImagePlatforms platforms) throws IOException {
        if (platforms.pulled().isEmpty() || output.quiet()) {
            return;
        }
        LintConfig cfg;
        try {
            cfg = ConfigLoader.discover(dockerfilePath);
        } catch (ConfigException e) {
            return; // the lint before the build already reported it
        }
        Linter linter = new Linter(List.of(new InvalidBaseImagePlatform()), cfg);
        List<Finding> shown = linter.lint(dockerfilePath, dockerfilePath.toString(), platforms).stream()
                .filter(f -> f.severity().atLeast(Severity.WARNING)).toList();
        if (!shown.isEmpty()) {
            System.err.print(ReportFormat.TEXT.render(shown, linter.rules(), false));
            System.err.println("(" + shown.size() + " lint warning" + (shown.size() == 1 ? "" : "s")
                    + " about base images; --no-lint hides them)");
        }
    }

    /** A cache reference: an image reference, or buildx's type=registry,ref=REF / type=local,src|dest=DIR. */
    private static ImageReference cacheReference(String spec, String flag) {
        if (!spec.startsWith("type=")) {
            return Transports.parse(spec);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw CliException.usage(flag + " wants key=value pairs, not '" + part + "'");
            }
            kv.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return switch (kv.get("type")) {
            case "registry" -> {
                String ref = kv.get("ref");
                if (ref == null || ref.isEmpty()) {
                    throw CliException.usage(flag + " type=registry needs ref=REPOSITORY:TAG");
                }
                yield new ImageReference.Registry(Transports.parseDocker(ref), true);
            }
            case "local" -> {
                String dir = kv.getOrDefault("dest", kv.get("src"));
                if (dir == null || dir.isEmpty()) {
                    throw CliException.usage(flag + " type=local needs dest=DIR (or src=DIR)");
                }
                yield new ImageReference.OciLayoutDir(Path.of(dir), "cache");
            }
            default -> throw CliException.usage(flag + " type must be registry or local, not '" + kv.get("type") + "'");
        };
    }

    /** --pull: a bare name means the registry even when the store has it. */
    private static ImageReference registryFirst(ImageReference ref) {
        return ref instanceof ImageReference.Registry r ? new ImageReference.Registry(r.ref(), true) : ref;
    }

    /**
     * org.opencontainers.image.source and .revision from git when the context is a git checkout (credentials
     * in the remote URL are dropped), .version from the first -t tag; the Dockerfile's own labels win.
     */
    private Map<String, String> defaultLabels(List<DockerReference> names) {
        Map<String, String> out = new LinkedHashMap<>();
        if (insideGitCheckout()) {
            gitLabels(out);
        }
        if (!names.isEmpty() && names.get(0).tag() != null && !names.get(0).tag().equals("latest")) {
            out.put("org.opencontainers.image.version", names.get(0).tag());
        }
        return out;
    }

    /** A .git (directory, or file of a worktree) in the context or above it, or GIT_DIR: only then ask git. */
    private boolean insideGitCheckout() {
        if (System.getenv("GIT_DIR") != null) {
            return true;
        }
        for (Path p = context.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    private void gitLabels(Map<String, String> out) {
        git("rev-parse", "HEAD").filter(v -> v.matches("[0-9a-f]{40,64}"))
                .ifPresent(v -> out.put("org.opencontainers.image.revision", v));
        git("remote", "get-url", "origin").map(BuildCommand::withoutCredentials)
                .ifPresent(v -> out.put("org.opencontainers.image.source", v));
    }

    static String withoutCredentials(String url) {
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }

    private Optional<String> git(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", context.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no git here: no git labels
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** docker buildx's --secret: id=ID with src=/source=PATH or env=VAR; type=file|env; bare ID looks for both. */
    private Map<String, BuildSecret> secrets() throws IOException {
        Map<String, BuildSecret> out = new LinkedHashMap<>();
        for (String spec : secrets) {
            Map<String, String> kv = new LinkedHashMap<>();
            for (String part : spec.split(",")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    if (!kv.isEmpty()) {
                        throw CliException.usage("--secret wants id=ID,src=PATH or id=ID,env=VAR, not '" + spec + "'");
                    }
                    kv.put("id", part);
                } else {
                    kv.put(part.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT), part.substring(eq + 1).trim());
                }
            }
            String id = kv.get("id");
            if (id == null || id.isEmpty()) {
                throw CliException.usage("--secret " + spec + ": id=ID is required");
            }
            String src = kv.getOrDefault("src", kv.get("source"));
            String var = kv.get("env");
            String type = kv.get("type");
            if (src != null && var != null) {
                throw CliException.usage("--secret " + spec + ": give src= or env=, not both");
            }
            byte[] value;
            if (var != null || "env".equals(type)) {
                String name = var != null ? var : src != null ? src : id;
                String v = env.get(name);
                if (v == null) {
                    throw CliException.usage("--secret id=" + id + ": the environment variable " + name + " is not set");
                }
                value = v.getBytes(StandardCharsets.UTF_8);
            } else if (src != null || "file".equals(type)) {
                Path path = Path.of(src != null ? src : id);
                if (!Files.isRegularFile(path)) {
                    throw CliException.usage("--secret id=" + id + ": no file at " + path);
                }
                value = Files.readAllBytes(path);
            } else if (env.get(id) != null) {
                value = env.get(id).getBytes(StandardCharsets.UTF_8);
            } else if (Files.isRegularFile(Path.of(id))) {
                value = Files.readAllBytes(Path.of(id));
            } else {
                throw CliException.usage("--secret id=" + id + ": no src= or env= given, and there is no variable or file named " + id);
            }
            out.put(id, new BuildSecret(id, value));
        }
        return out;
    }

    private Map<String, String> buildArgValues() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : buildArgs) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                // docker: --build-arg NAME takes NAME from the environment, or is ignored when unset
                String v = env.get(a);
                if (v != null) {
                    out.put(a, v);
                }
            } else {
                out.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        return out;
    }

    private static Map<String, String> keyValues(List<String> list, String flag) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : list) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage(flag + " wants KEY=VALUE, not '" + s + "'");
            }
            out.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return out;
    }

    private long sourceDateEpoch() {
        String v = env.get("SOURCE_DATE_EPOCH");
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw CliException.usage("SOURCE_DATE_EPOCH must be a number of seconds, not '" + v + "'");
        }
    }
}
