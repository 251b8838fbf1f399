package dev.lading.scan.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenVEX document (https://github.com/openvex/spec): statements that a vulnerability does or does not
 * affect products. A finding is suppressed when the last statement naming its vulnerability (id or alias) and
 * its package (purl, as a product or a product's subcomponent) says {@code not_affected} or {@code fixed};
 * {@code affected} and {@code under_investigation} leave it reported.
 */
public record Vex(Path file, List<Statement> statements) {
    static final Set<String> SUPPRESSING = Set.of("not_affected", "fixed");

    public Vex {
        statements = List.copyOf(statements);
    }

    /**
     * @param vulnerabilities the vulnerability's name and aliases
     * @param products        product and subcomponent purls
     * @param status          not_affected, affected, fixed, under_investigation
     * @param why             justification or impact statement, may be null
     */
    public record Statement(List<String> vulnerabilities, List<String> products, String status, String why) {
    }

    public static Vex read(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = OsvReader.MAPPER.readTree(new BoundedInputStream(in, 64L * 1024 * 1024, file.toString()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("statements");
        if (list == null || !list.isArray()) {
            throw new IOException(file + ": not an OpenVEX document (no 'statements' list)");
        }
        List<Statement> out = new ArrayList<>();
        int n = 0;
        for (JsonNode s : list) {
            n++;
            List<String> vulns = new ArrayList<>();
            JsonNode v = s.get("vulnerability");
            if (v != null && v.isTextual()) {
                vulns.add(v.asText()); // OpenVEX 0.0.1 wrote the id as a string
            } else if (v != null && v.isObject()) {
                Optional.ofNullable(v.get("name")).map(JsonNode::asText).ifPresent(vulns::add);
                Optional.ofNullable(v.get("@id")).map(JsonNode::asText).ifPresent(vulns::add);
                v.path("aliases").forEach(a -> vulns.add(a.asText()));
            }
            List<String> products = new ArrayList<>();
            for (JsonNode p : s.path("products")) {
                addProduct(p, products);
                p.path("subcomponents").forEach(sc -> addProduct(sc, products));
            }
            JsonNode status = s.get("status");
            if (vulns.isEmpty() || status == null || !status.isTextual()) {
                throw new IOException(file + ": statement " + n + " has no vulnerability or status");
            }
            String why = Optional.ofNullable(s.get("justification")).or(() -> Optional.ofNullable(s.get("impact_statement")))
                    .or(() -> Optional.ofNullable(s.get("status_notes"))).map(JsonNode::asText).orElse(null);
            out.add(new Statement(vulns, products, status.asText(), why));
        }
        return new Vex(file, out);
    }

    private static void addProduct(JsonNode p, List<String> out) {
        if (p.isTextual()) {
            out.add(p.asText());
        } else {
            Optional.ofNullable(p.get("@id")).map(JsonNode::asText).ifPresent(out::add);
            String purl = p.path("identifiers").path("purl").asText(null);
            if (purl != null) {
                out.add(purl);
            }
        }
    }

    /** The statement that decides {@code f}: the last one naming its vulnerability and package. */
    public Optional<Statement> decide(VulnerabilityFinding f) {
        Statement last = null;
        for (Statement s : statements) {
            if (s.vulnerabilities().stream().anyMatch(f::isKnownAs)
                    && s.products().stream().anyMatch(p -> purlMatches(p, f.pkg().purl()))) {
                last = s;
            }
        }
        return Optional.ofNullable(last);
    }

    /** Whether {@code f} is suppressed, and why. */
    public Optional<String> suppresses(VulnerabilityFinding f) {
        return decide(f).filter(s -> SUPPRESSING.contains(s.status()))
                .map(s -> s.status() + (s.why() == null ? "" : ": " + s.why()));
    }

    /**
     * Whether a purl from a VEX or ignore file names a package: type, namespace and name equal, and the version
     * too when the given purl has one. Qualifiers (arch, distro) do not take part: a statement about
     * {@code pkg:deb/debian/openssl@3.0.15-1} is about that package on any architecture.
     */
    static boolean purlMatches(String want, String have) {
        try {
            PackageURL w = new PackageURL(want);
            PackageURL h = new PackageURL(have);
            return w.getType().equals(h.getType()) && Objects.equals(w.getNamespace(), h.getNamespace())
                    && w.getName().equals(h.getName())
                    && (w.getVersion() == null || w.getVersion().equals(h.getVersion()));
        } catch (MalformedPackageURLException e) {
            return want.equals(have);
        }
    }
}
