package dev.lading.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lading.oci.Descriptor;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.ImageReference;
import dev.lading.oci.Index;
import dev.lading.oci.Json;
import dev.lading.oci.MediaType;
import dev.lading.oci.Platform;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ResolvedImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "inspect",
        description = {"Show an image's digest, platform, configuration and layers without pulling it.",
                "",
                "REF is any image reference: docker://HOST/REPO:TAG (or bare REPO:TAG), oci:DIR[:NAME],",
                "oci-archive:FILE[:NAME], docker-archive:FILE[:REPO:TAG|@N], store:REPO:TAG.",
                "For a multi-platform index the platforms are listed; --platform picks one image."},
        footer = {"", "Examples:",
                "  lading inspect oci:build/layout:app",
                "  lading inspect --format json docker://127.0.0.1:5000/team/app:1.0",
                "  lading inspect --raw docker-archive:app.tar | jq .",
                "  lading inspect --platform linux/arm64 --config REF"},
        mixinStandardHelpOptions = true)
final class InspectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REF", description = "The image to inspect.")
    String ref;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.")
    String format;

    @Option(names = "--raw", description = "Print the manifest (or index) exactly as stored, byte for byte.")
    boolean raw;

    @Option(names = "--config", description = "Print the image configuration JSON exactly as stored.")
    boolean config;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Which image of an index to inspect.")
    String platform;

    @Option(names = "--no-tags", description = "Don't list the repository's tags (registry references).")
    boolean noTags;

    @Mixin
    RegistryFlags registry;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw CliException.usage("--format must be text or json, not '" + format + "'");
        }
        ImageReference reference = Transports.parse(ref);
        Transports transports = new Transports(System.getenv(), registry);
        ImageReference resolved = transports.forReading(reference);
        Platform wanted = platform == null ? null : parsePlatform(platform);
        PrintStream out = System.out;
        try (ContentReader reader = transports.reader(resolved)) {
            Descriptor root = reader.resolve();
            if (raw) {
                out.write(reader.fetchManifest(root));
                out.flush();
                return 0;
            }
            if (MediaType.isIndex(root.mediaType()) && wanted == null && !config) {
                printIndex(resolved, root, Index.parse(reader.fetchManifest(root)), out);
                return 0;
            }
            ResolvedImage image = ResolvedImage.load(reader, wanted);
            if (config) {
                out.write(image.rawConfig());
                out.flush();
                return 0;
            }
            List<String> tags = List.of();
            if (!noTags) {
                tags = RegistryFlags.listTags(reader);
            }
            printImage(resolved, image, tags, out);
        }
        return 0;
    }

    static Platform parsePlatform(String text) {
        try {
            return Platform.parse(text);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private void printIndex(ImageReference reference, Descriptor root, Index index, PrintStream out) {
        if (format.equals("json")) {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("Name", name(reference));
            n.put("Digest", root.digest().toString());
            n.put("MediaType", root.mediaType());
            ArrayNode ms = n.putArray("Manifests");
            for (Descriptor d : index.manifests()) {
                ObjectNode m = ms.addObject();
                m.put("Platform", d.platform() == null ? null : d.platform().toString());
                m.put("Digest", d.digest().toString());
                m.put("MediaType", d.mediaType());
                m.put("Size", d.size());
                if (d.annotations() != null) {
                    m.set("Annotations", Json.mapper().valueToTree(d.annotations()));
                }
            }
            out.println(Json.writePretty(n));
            return;
        }
        out.println("Name:        " + name(reference));
        out.println("Digest:      " + root.digest());
        out.println("Media type:  " + root.mediaType() + " (multi-platform index)");
        out.println("Manifests:   " + index.manifests().size());
        for (Descriptor d : index.manifests()) {
            String p = d.platform() == null ? "-" : d.platform().toString();
            String kind = "attestation-manifest".equals(d.annotation("vnd.docker.reference.type")) ? "  (attestation)" : "";
            out.printf("  %-20s %s  %s%s%n", p, d.digest(), Terminal.bytes(d.size()), kind);
        }
        out.println("Use --platform OS/ARCH to inspect one image.");
    }

    private void printImage(ImageReference reference, ResolvedImage image, List<String> tags, PrintStream out) {
        ImageConfig cfg = image.config();
        ImageConfig.Config c = cfg.config();
        if (format.equals("json")) {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("Name", name(reference));
            n.put("Digest", image.manifestDescriptor().digest().toString());
            if (image.index() != null) {
                n.put("IndexDigest", image.index().digest().toString());
            }
            n.set("RepoTags", Json.mapper().valueToTree(tags));
            n.put("Created", cfg.created());
            n.put("MediaType", image.manifestDescriptor().mediaType());
            n.put("Architecture", cfg.architecture());
            n.put("Os", cfg.os());
            if (cfg.variant() != null) {
                n.put("Variant", cfg.variant());
            }
            n.set("Labels", Json.mapper().valueToTree(c.labels() == null ? Map.of() : c.labels()));
            n.set("Layers", Json.mapper().valueToTree(image.manifest().layers().stream().map(l -> l.digest().toString()).toList()));
            ArrayNode ld = n.putArray("LayersData");
            for (Descriptor l : image.manifest().layers()) {
                ObjectNode o = ld.addObject();
                o.put("MIMEType", l.mediaType());
                o.put("Digest", l.digest().toString());
                o.put("Size", l.size());
                o.set("Annotations", Json.mapper().valueToTree(l.annotations()));
            }
            n.set("Env", Json.mapper().valueToTree(c.env() == null ? List.of() : c.env()));
            n.put("User", c.user());
            n.set("Entrypoint", Json.mapper().valueToTree(c.entrypoint()));
            n.set("Cmd", Json.mapper().valueToTree(c.cmd()));
            n.put("WorkingDir", c.workingDir());
            n.set("ExposedPorts", Json.mapper().valueToTree(c.exposedPorts() == null ? List.of() : c.exposedPorts().keySet()));
            n.put("StopSignal", c.stopSignal());
            n.set("Healthcheck", Json.mapper().valueToTree(c.healthcheck()));
            n.put("Size", image.manifest().totalLayerSize());
            out.println(Json.writePretty(n));
            return;
        }
        out.println("Name:          " + name(reference));
        out.println("Digest:        " + image.manifestDescriptor().digest());
        if (image.index() != null) {
            out.println("Index:         " + image.index().digest());
        }
        if (!tags.isEmpty()) {
            out.println("Tags:          " + String.join(", ", tags));
        }
        out.println("Media type:    " + image.manifestDescriptor().mediaType());
        out.println("Created:       " + orDash(cfg.created()));
        out.println("Platform:      " + cfg.platform());
        out.println("User:          " + (c.user() == null || c.user().isEmpty() ? "(root)" : c.user()));
        out.println("Entrypoint:    " + json(c.entrypoint()));
        out.println("Cmd:           " + json(c.cmd()));
        out.println("WorkingDir:    " + orDash(c.workingDir()));
        out.println("Exposed ports: " + (c.exposedPorts() == null || c.exposedPorts().isEmpty() ? "-" : String.join(", ", c.exposedPorts().keySet())));
        if (c.healthcheck() != null && c.healthcheck().test() != null) {
            out.println("Healthcheck:   " + json(c.healthcheck().test()));
        }
        if (c.stopSignal() != null) {
            out.println("StopSignal:    " + c.stopSignal());
        }
        out.println("Env:");
        for (String e : c.env() == null ? List.<String>of() : c.env()) {
            out.println("  " + e);
        }
        out.println("Labels:");
        if (c.labels() != null) {
            c.labels().forEach((k, v) -> out.println("  " + k + "=" + v));
        }
        out.println("Layers (" + image.manifest().layers().size() + ", " + Terminal.bytes(image.manifest().totalLayerSize()) + " compressed):");
        List<ImageConfig.History> history = cfg.history().stream().filter(h -> !Boolean.TRUE.equals(h.emptyLayer())).toList();
        for (int i = 0; i < image.manifest().layers().size(); i++) {
            Descriptor l = image.manifest().layers().get(i);
            String by = i < history.size() && history.get(i).createdBy() != null ? "  " + abbreviate(history.get(i).createdBy()) : "";
            out.printf("  %s  %10s%s%n", l.digest(), Terminal.bytes(l.size()), by);
        }
    }

    private static String name(ImageReference reference) {
        return switch (reference) {
            case ImageReference.Registry r -> r.ref().name();
            case ImageReference.Store s -> s.name().name();
            default -> reference.display();
        };
    }

    private static String json(List<String> v) {
        return v == null ? "-" : new String(Json.write(v), StandardCharsets.UTF_8);
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }
}
