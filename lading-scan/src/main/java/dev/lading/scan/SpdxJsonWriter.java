package dev.lading.scan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * SPDX 2.3 JSON. The image is a package that the document DESCRIBES and that CONTAINS every other package;
 * PURLs are {@code PACKAGE-MANAGER purl} external references. A declared license that is not a well-formed
 * SPDX expression (Debian's "GPL-2+ with OpenSSL exception", a free-text PyPI license) is written as a
 * {@code LicenseRef-} with the original text in {@code hasExtractedLicensingInfos}, as the spec requires.
 */
final class SpdxJsonWriter implements SbomWriter {
    private static final Pattern ID_CHARS = Pattern.compile("[^A-Za-z0-9.-]+");
    private static final Pattern LICENSE_ID = Pattern.compile("(?:LicenseRef-)?[A-Za-z0-9.-]+\\+?");
    private final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
    private final Options options;

    SpdxJsonWriter(Options options) {
        this.options = options;
    }

    @Override
    public void write(Sbom sbom, OutputStream out) throws IOException {
        json.writeValue(out, toJson(sbom));
        out.write('\n');
        out.flush();
    }

    ObjectNode toJson(Sbom sbom) {
        ObjectNode doc = json.createObjectNode();
        doc.put("spdxVersion", "SPDX-2.3");
        doc.put("dataLicense", "CC0-1.0");
        doc.put("SPDXID", "SPDXRef-DOCUMENT");
        doc.put("name", sbom.subject().name());
        doc.put("documentNamespace", "https://lading.dev/spdx/" + URLEncoder.encode(sbom.subject().name(), StandardCharsets.UTF_8)
                + "-" + sbom.subject().digest().hex());
        ObjectNode creation = doc.putObject("creationInfo");
        creation.put("created", created(sbom));
        creation.putArray("creators").add("Tool: lading-" + options.toolVersion());

        Map<String, String> extracted = new TreeMap<>();
        ArrayNode packages = doc.putArray("packages");
        ObjectNode image = packages.addObject();
        image.put("name", sbom.subject().name());
        image.put("SPDXID", "SPDXRef-Image");
        image.put("versionInfo", sbom.subject().digest().toString());
        image.put("downloadLocation", "NOASSERTION");
        image.put("filesAnalyzed", false);
        image.put("primaryPackagePurpose", "CONTAINER");
        image.put("licenseConcluded", "NOASSERTION");
        image.put("licenseDeclared", "NOASSERTION");
        image.put("copyrightText", "NOASSERTION");
        ArrayNode relationships = json.createArrayNode();
        addRelationship(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image");
        int n = 0;
        for (Package p : sbom.packages()) {
            n++;
            String id = "SPDXRef-Package-" + p.ecosystem().purlType() + "-" + ID_CHARS.matcher(p.name()).replaceAll("-") + "-" + n;
            ObjectNode pkg = packages.addObject();
            pkg.put("name", p.name());
            pkg.put("SPDXID", id);
            pkg.put("versionInfo", p.version());
            pkg.put("downloadLocation", "NOASSERTION");
            pkg.put("filesAnalyzed", false);
            if (p.sha1() != null) {
                ObjectNode sum = pkg.putArray("checksums").addObject();
                sum.put("algorithm", "SHA1");
                sum.put("checksumValue", p.sha1());
            }
            pkg.put("sourceInfo", "found in layer " + p.layer() + " at " + p.path());
            pkg.put("licenseConcluded", "NOASSERTION");
            pkg.put("licenseDeclared", declared(p.licenses(), extracted));
            pkg.put("copyrightText", "NOASSERTION");
            pkg.put("primaryPackagePurpose", "LIBRARY");
            ObjectNode ref = pkg.putArray("externalRefs").addObject();
            ref.put("referenceCategory", "PACKAGE-MANAGER");
            ref.put("referenceType", "purl");
            ref.put("referenceLocator", p.purl());
            addRelationship(relationships, "SPDXRef-Image", "CONTAINS", id);
        }
        if (!extracted.isEmpty()) {
            ArrayNode infos = doc.putArray("hasExtractedLicensingInfos");
            extracted.forEach((text, ref) -> {
                ObjectNode info = infos.addObject();
                info.put("licenseId", ref);
                info.put("extractedText", text);
                info.put("name", text);
            });
        }
        doc.set("relationships", relationships);
        return doc;
    }

    /**
     * The licenses joined with AND; each is kept as written when it is a well-formed SPDX expression, else
     * replaced by a LicenseRef (recorded in {@code extracted}: text → ref).
     */
    static String declared(List<String> licenses, Map<String, String> extracted) {
        if (licenses.isEmpty()) {
            return "NOASSERTION";
        }
        List<String> parts = new ArrayList<>();
        for (String l : licenses) {
            if (wellFormed(l)) {
                parts.add(licenses.size() > 1 && l.contains(" ") ? "(" + l + ")" : l);
            } else {
                parts.add(extracted.computeIfAbsent(l, t -> "LicenseRef-" + ID_CHARS.matcher(t).replaceAll("-").replaceAll("^-|-$", "")
                        + "-" + Integer.toHexString(t.hashCode())));
            }
        }
        return String.join(" AND ", parts);
    }

    /** Operands and AND/OR/WITH alternate, parentheses balance: the grammar of SPDX expressions, not the license list. */
    static boolean wellFormed(String expression) {
        String spaced = expression.replace("(", " ( ").replace(")", " ) ").strip();
        if (spaced.isEmpty()) {
            return false;
        }
        int depth = 0;
        boolean wantOperand = true;
        for (String token : spaced.split("\\s+")) {
            switch (token) {
                case "(" -> {
                    if (!wantOperand) {
                        return false;
                    }
                    depth++;
                }
                case ")" -> {
                    if (wantOperand || --depth < 0) {
                        return false;
                    }
                }
                case "AND", "OR", "WITH", "and", "or", "with" -> {
                    if (wantOperand) {
                        return false;
                    }
                    wantOperand = true;
                }
                default -> {
                    if (!wantOperand || !LICENSE_ID.matcher(token).matches()) {
                        return false;
                    }
                    wantOperand = false;
                }
            }
        }
        return depth == 0 && !wantOperand;
    }

    private String created(Sbom sbom) {
        Instant when = options.timestamp();
        if (when == null && sbom.subject().created() != null) {
            try {
                when = OffsetDateTime.parse(sbom.subject().created()).toInstant();
            } catch (DateTimeParseException e) {
                when = null;
            }
        }
        return (when == null ? Instant.EPOCH : when).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void addRelationship(ArrayNode relationships, String from, String type, String to) {
        ObjectNode r = relationships.addObject();
        r.put("spdxElementId", from);
        r.put("relationshipType", type);
        r.put("relatedSpdxElement", to);
    }
}
