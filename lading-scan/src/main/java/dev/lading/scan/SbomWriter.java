package dev.lading.scan;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Locale;

/** Writes an {@link Sbom} in one format. Output is a function of the SBOM and the options: no clock, no randomness. */
public interface SbomWriter {

    void write(Sbom sbom, OutputStream out) throws IOException;

    /**
     * @param timestamp   when the document says it was made; null leaves it out where the format allows
     *                    (CycloneDX) and uses the image's creation time, else the epoch, where it does not (SPDX)
     * @param toolVersion the lading version to name as the creator
     */
    record Options(Instant timestamp, String toolVersion) {
        public Options {
            toolVersion = toolVersion == null || toolVersion.isBlank() ? "dev" : toolVersion;
        }

        /** {@code SOURCE_DATE_EPOCH} (seconds) from {@code env} when set, as reproducible-builds.org defines it. */
        public static Options fromEnvironment(java.util.Map<String, String> env, String toolVersion) {
            String epoch = env.get("SOURCE_DATE_EPOCH");
            if (epoch == null || epoch.isBlank()) {
                return new Options(null, toolVersion);
            }
            try {
                return new Options(Instant.ofEpochSecond(Long.parseLong(epoch.strip())), toolVersion);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SOURCE_DATE_EPOCH must be whole seconds since 1970, not '" + epoch + "'");
            }
        }
    }

    /** The formats lading writes. */
    enum Format {
        CYCLONEDX_JSON("cyclonedx-json"),
        CYCLONEDX_XML("cyclonedx-xml"),
        SPDX_JSON("spdx-json"),
        TABLE("table");

        private final String id;

        Format(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Format parse(String id) {
            for (Format f : values()) {
                if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown SBOM format '" + id + "' (use cyclonedx-json, cyclonedx-xml, spdx-json or table)");
        }

        public SbomWriter writer(Options options) {
            return switch (this) {
                case CYCLONEDX_JSON -> new CycloneDxWriter(false, options);
                case CYCLONEDX_XML -> new CycloneDxWriter(true, options);
                case SPDX_JSON -> new SpdxJsonWriter(options);
                case TABLE -> new TableWriter();
            };
        }
    }
}
