package dev.lading.cli;

import dev.lading.oci.AtomicFiles;
import dev.lading.oci.ImageReference;
import dev.lading.oci.Platform;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.scan.Sbom;
import dev.lading.scan.SbomScanner;
import dev.lading.scan.SbomWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "sbom",
        description = {"List the packages in an image: a software bill of materials.",
                "",
                "REF is any image reference: docker://HOST/REPO:TAG (or bare REPO:TAG), oci:DIR[:NAME],",
                "oci-archive:FILE[:NAME], docker-archive:FILE[:REPO:TAG|@N], store:REPO:TAG.",
                "Each layer is streamed once and nothing is unpacked to disk; files deleted in a later layer",
                "do not count. Catalogers: dpkg (status and distroless status.d), apk, Python, npm; the",
                "distro from /etc/os-release.",
                "",
                "The output has no timestamp unless SOURCE_DATE_EPOCH or --timestamp now is given, so the",
                "same image gives the same document. What could not be read is reported on stderr."},
        footer = {"", "Examples:",
                "  lading sbom oci:build/layout:app",
                "  lading sbom --format cyclonedx-json -o app.cdx.json docker://127.0.0.1:5000/team/app:1.0",
                "  lading sbom --format spdx-json --platform linux/arm64 debian:12"},
        mixinStandardHelpOptions = true)
final class SbomCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REF", description = "The image to catalog.")
    String ref;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table (default), cyclonedx-json, cyclonedx-xml (CycloneDX 1.6) or spdx-json (SPDX 2.3).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the SBOM to FILE (replaced atomically) instead of stdout.")
    Path output;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Which image of an index to catalog (default: this machine's).")
    String platform;

    @Option(names = "--timestamp", paramLabel = "WHEN",
            description = "Date the document: 'now', or seconds since 1970. Default: SOURCE_DATE_EPOCH, else no timestamp.")
    String timestamp;

    @Option(names = {"-q", "--quiet"}, description = "Don't print warnings about what could not be read.")
    boolean quiet;

    @Mixin
    RegistryFlags registry;

    @Override
    public Integer call() throws Exception {
        SbomWriter.Format fmt;
        try {
            fmt = SbomWriter.Format.parse(format);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--format: " + e.getMessage());
        }
        SbomWriter.Options options = options(System.getenv());
        Platform wanted = platform == null ? null : InspectCommand.parsePlatform(platform);
        ImageReference reference = Transports.parse(ref);
        Transports transports = new Transports(System.getenv(), registry);
        Sbom sbom;
        try (ContentReader reader = transports.reader(reference)) {
            ResolvedImage image = ResolvedImage.load(reader, wanted);
            sbom = SbomScanner.standard().scan(reader, image, reference.display());
        }
        if (!quiet) {
            for (String w : sbom.warnings()) {
                System.err.println("warning: " + w);
            }
        }
        SbomWriter writer = fmt.writer(options);
        if (output == null) {
            PrintStream out = System.out;
            writer.write(sbom, out);
            out.flush();
        } else {
            AtomicFiles.write(output, o -> writer.write(sbom, o));
        }
        return 0;
    }

    SbomWriter.Options options(Map<String, String> env) {
        String version = SbomCommand.class.getPackage().getImplementationVersion();
        if (timestamp == null) {
            try {
                return SbomWriter.Options.fromEnvironment(env, version);
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e.getMessage());
            }
        }
        if (timestamp.equals("now")) {
            return new SbomWriter.Options(Instant.now(), version);
        }
        try {
            return new SbomWriter.Options(Instant.ofEpochSecond(Long.parseLong(timestamp)), version);
        } catch (NumberFormatException e) {
            throw CliException.usage("--timestamp must be 'now' or whole seconds since 1970, not '" + timestamp + "'");
        }
    }
}
