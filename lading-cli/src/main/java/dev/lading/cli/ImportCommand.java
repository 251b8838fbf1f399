package dev.lading.cli;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.ImageReference;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.MediaType.Compression;
import dev.lading.oci.Platform;
import dev.lading.oci.content.ContentWriter;
import dev.lading.oci.content.CopyOptions;
import dev.lading.oci.content.ImageCopier;
import dev.lading.oci.layer.DirectoryOptions;
import dev.lading.oci.layer.LayerCompression;
import dev.lading.oci.layer.LayerEntries;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.LayerResult;
import dev.lading.oci.layer.LayerWriter;
import dev.lading.oci.layer.Owner;
import dev.lading.oci.layout.OciLayout;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import",
        description = {"Make a one-layer image from a root filesystem directory or a tarball (like docker import).",
                "",
                "A directory becomes a reproducible layer: entries sorted, timestamps set to $SOURCE_DATE_EPOCH",
                "(or 0), owners 0:0 unless --owner/--preserve-owners, no user or group names. A tarball",
                "(plain, gzip or zstd) is used as it is; a plain one is compressed. The image's creation time",
                "is $SOURCE_DATE_EPOCH or 0, so the same input gives the same digest."},
        footer = {"", "Examples:",
                "  lading import rootfs/ -t store:base:1 --change 'USER 65532' --change 'ENTRYPOINT [\"/app\"]'",
                "  lading import rootfs.tar.gz -t oci:/tmp/layout:base --platform linux/arm64",
                "  lading import rootfs/ -t docker://127.0.0.1:5000/base:1"},
        mixinStandardHelpOptions = true)
final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A root filesystem directory, or a tar/tar.gz/tar.zst file.")
    Path source;

    @Option(names = {"-t", "--tag"}, required = true, paramLabel = "REF",
            description = "Where to write the image (repeatable): store:NAME, oci:DIR:NAME, docker://…, an archive.")
    List<String> destinations;

    @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION",
            description = "A Dockerfile instruction to apply to the config (repeatable): USER, ENV, LABEL, ENTRYPOINT, CMD, WORKDIR, EXPOSE, VOLUME, STOPSIGNAL.")
    List<String> changes = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "The image's platform (default: this host's).")
    String platform;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "A comment for the image's history.")
    String message;

    @Option(names = "--compression", defaultValue = "gzip", paramLabel = "ALG", description = "gzip (default), zstd or none.")
    String compression;

    @Option(names = "--owner", paramLabel = "UID:GID", description = "Owner of every file from a directory (default 0:0).")
    String owner;

    @Option(names = "--preserve-owners", description = "Keep the numeric owners the files have on disk.")
    boolean preserveOwners;

    @Mixin
    OutputOptions output;

    @Mixin
    RegistryFlags registry;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(source)) {
            throw CliException.usage("no such directory or file: " + source);
        }
        Compression comp = switch (compression) {
            case "gzip" -> Compression.GZIP;
            case "zstd" -> Compression.ZSTD;
            case "none" -> Compression.NONE;
            default -> throw CliException.usage("--compression must be gzip, zstd or none");
        };
        List<ImageReference> targets = destinations.stream().map(Transports::parse).toList();
        Platform p = platform == null ? Platform.host() : InspectCommand.parsePlatform(platform);
        long epoch = sourceDateEpoch();
        String created = Instant.ofEpochSecond(epoch).toString();

        Path work = Files.createTempDirectory("lading-import-");
        try {
            OciLayout staging = OciLayout.createOrOpen(work.resolve("layout"));
            LayerResult layer = Files.isDirectory(source) ? fromDirectory(staging, comp, epoch) : fromTarball(staging, comp);

            ImageConfig.Config cfg = ConfigChanges.apply(ImageConfig.Config.EMPTY, changes);
            ImageConfig.History history = new ImageConfig.History(created,
                    "lading import " + source.getFileName() + (changes.isEmpty() ? "" : " " + String.join(" ", changes)),
                    null, message, null);
            ImageConfig config = new ImageConfig(created, null, p.architecture(), p.os(), null, null, p.variant(), cfg,
                    new ImageConfig.RootFs("layers", List.of(layer.diffId())), List.of(history));
            Descriptor configDesc = staging.writeBlob(MediaType.OCI_CONFIG, config.toJson());
            byte[] manifest = Manifest.oci(configDesc, List.of(layer.descriptor()), null).toJson();
            Descriptor manifestDesc = staging.writeBlob(MediaType.OCI_MANIFEST, manifest).withPlatform(p);
            staging.tag("import", manifestDesc);

            Transports transports = new Transports(System.getenv(), registry);
            for (ImageReference target : targets) {
                try (ContentWriter w = transports.writer(target)) {
                    ImageCopier.copy(staging.reader("import"), w, CopyOptions.defaults());
                }
                if (!output.quiet()) {
                    System.err.println("Imported " + target.display() + " (" + manifestDesc.digest() + ", layer "
                            + Terminal.bytes(layer.size()) + ")");
                }
            }
            System.out.println(manifestDesc.digest());
        } finally {
            dev.lading.oci.FileTrees.delete(work);
        }
        return 0;
    }

    private static long sourceDateEpoch() {
        String v = System.getenv("SOURCE_DATE_EPOCH");
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw CliException.usage("SOURCE_DATE_EPOCH must be a number of seconds, not '" + v + "'");
        }
    }

    private LayerResult fromDirectory(OciLayout staging, Compression comp, long epoch) throws IOException {
        DirectoryOptions opts = preserveOwners ? DirectoryOptions.preserveIds() : DirectoryOptions.defaults();
        if (owner != null) {
            if (preserveOwners) {
                throw CliException.usage("--owner and --preserve-owners exclude each other");
            }
            String[] parts = owner.split(":", 2);
            try {
                long uid = Long.parseLong(parts[0]);
                opts = opts.withOwner(new Owner(uid, parts.length == 2 ? Long.parseLong(parts[1]) : uid));
            } catch (NumberFormatException e) {
                throw CliException.usage("--owner wants numeric UID[:GID], not '" + owner + "'");
            }
        }
        List<LayerEntry> entries = LayerEntries.fromDirectory(source, opts);
        Path tmp = staging.newTempFile();
        LayerResult result;
        try (OutputStream out = Files.newOutputStream(tmp)) {
            result = new LayerWriter(LayerWriter.Options.of(comp).withSourceDateEpoch(epoch)).write(entries, out);
        }
        staging.adoptVerifiedTempFile(tmp, result.descriptor());
        return result;
    }

    /** A tarball is taken as it is (docker import does the same); only a plain tar is compressed. */
    private LayerResult fromTarball(OciLayout staging, Compression wanted) throws IOException {
        Compression found;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(source))) {
            found = LayerCompression.detect(in);
        }
        checkIsTar();
        Path tmp = staging.newTempFile();
        MessageDigest compressed = Digest.newMessageDigest(Digest.SHA256);
        Digest diffId;
        long uncompressedSize;
        Compression result;
        if (found == Compression.NONE && wanted != Compression.NONE) {
            MessageDigest plain = Digest.newMessageDigest(Digest.SHA256);
            try (InputStream in = Files.newInputStream(source);
                 OutputStream out = LayerCompression.compress(new DigestOutputStream(Files.newOutputStream(tmp), compressed), wanted,
                         LayerCompression.defaultLevel(wanted))) {
                uncompressedSize = copyDigesting(in, out, plain);
            }
            diffId = Digest.fromMessageDigest(Digest.SHA256, plain);
            result = wanted;
        } else {
            try (InputStream in = Files.newInputStream(source);
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), compressed)) {
                in.transferTo(out);
            }
            try (InputStream in = Files.newInputStream(tmp)) {
                LayerCompression.DiffIdResult d = LayerCompression.diffId(in);
                diffId = d.diffId();
                uncompressedSize = d.uncompressedSize();
            }
            result = found;
        }
        Digest digest = Digest.fromMessageDigest(Digest.SHA256, compressed);
        long size = Files.size(tmp);
        staging.adoptVerifiedTempFile(tmp, Descriptor.of(MediaType.OCI_LAYER, digest, size));
        return new LayerResult(digest, size, diffId, uncompressedSize, result);
    }

    private static long copyDigesting(InputStream in, OutputStream out, MessageDigest md) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
            out.write(buf, 0, n);
            total += n;
        }
        return total;
    }

    private void checkIsTar() throws IOException {
        byte[] header;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(source));
             InputStream plain = LayerCompression.decompress(raw)) {
            header = plain.readNBytes(512);
        } catch (IOException | IllegalArgumentException e) {
            throw CliException.usage(source + " is neither a directory nor a tar archive (plain, gzip or zstd): " + e.getMessage());
        }
        if (header.length < 512 || !TarArchiveInputStream.matches(header, header.length)) {
            throw CliException.usage(source + " is neither a directory nor a tar archive (plain, gzip or zstd)");
        }
    }

}
