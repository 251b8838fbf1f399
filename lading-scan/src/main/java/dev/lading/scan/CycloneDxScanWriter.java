package dev.lading.scan;

import dev.lading.scan.vuln.ScanReport;
import dev.lading.scan.vuln.VulnerabilityFinding;
import dev.lading.scan.vuln.VulnerabilityReport;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.vulnerability.Vulnerability;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scan as CycloneDX 1.6 JSON: the SBOM exactly as {@code lading sbom --format cyclonedx-json} writes it, plus
 * a {@code vulnerabilities} array. One vulnerability object per OSV id, affecting every component it was found
 * in (by bom-ref); its rating is the CVSS score and vector the severity came from, or the database's word.
 */
public final class CycloneDxScanWriter {
    private CycloneDxScanWriter() {
    }

    public static void write(ScanReport report, SbomWriter.Options options, OutputStream out) throws IOException {
        String text;
        try {
            text = BomGeneratorFactory.createJson(CycloneDxWriter.VERSION, toBom(report, options)).toJsonString();
        } catch (GeneratorException e) {
            throw new IOException("cannot write CycloneDX: " + e.getMessage(), e);
        }
        out.write(text.getBytes(StandardCharsets.UTF_8));
        if (!text.endsWith("\n")) {
            out.write('\n');
        }
        out.flush();
    }

    static Bom toBom(ScanReport report, SbomWriter.Options options) {
        Bom bom = new CycloneDxWriter(false, options).toBom(report.sbom());
        // the writer makes one component per package, in the SBOM's order: that is how a finding finds its bom-ref
        Map<String, String> refs = new HashMap<>();
        List<Component> components = bom.getComponents() == null ? List.of() : bom.getComponents();
        for (int i = 0; i < components.size() && i < report.packages().size(); i++) {
            Package p = report.packages().get(i);
            refs.put(p.purl() + "\n" + p.path(), components.get(i).getBomRef());
        }
        Map<String, List<VulnerabilityFinding>> byId = new LinkedHashMap<>();
        for (VulnerabilityFinding f : report.vulnerabilities().map(VulnerabilityReport::findings).orElse(List.of())) {
            byId.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f);
        }
        List<Vulnerability> vulns = new ArrayList<>();
        for (var e : byId.entrySet()) {
            VulnerabilityFinding first = e.getValue().getFirst();
            Vulnerability v = new Vulnerability();
            v.setBomRef("vuln:" + e.getKey());
            v.setId(CycloneDxWriter.clean(e.getKey()));
            v.setSource(source(e.getKey()));
            if (first.summary() != null) {
                v.setDescription(CycloneDxWriter.clean(first.summary()));
            }
            List<Vulnerability.Reference> aliases = new ArrayList<>();
            for (String alias : first.aliases()) {
                Vulnerability.Reference r = new Vulnerability.Reference();
                r.setId(CycloneDxWriter.clean(alias));
                r.setSource(source(alias));
                aliases.add(r);
            }
            if (!aliases.isEmpty()) {
                v.setReferences(aliases);
            }
            v.setRatings(List.of(rating(first)));
            List<Vulnerability.Affect> affects = new ArrayList<>();
            List<String> fixes = new ArrayList<>();
            for (VulnerabilityFinding f : e.getValue()) {
                String ref = refs.get(f.pkg().purl() + "\n" + f.pkg().path());
                if (ref != null && affects.stream().noneMatch(a -> a.getRef().equals(ref))) {
                    Vulnerability.Affect a = new Vulnerability.Affect();
                    a.setRef(ref);
                    affects.add(a);
                }
                if (f.fixed() != null) {
                    fixes.add(f.pkg().name() + " " + f.fixed());
                }
            }
            v.setAffects(affects);
            if (!fixes.isEmpty()) {
                v.setRecommendation(CycloneDxWriter.clean("Upgrade to " + String.join(", ", fixes.stream().distinct().toList())));
            }
            vulns.add(v);
        }
        bom.setVulnerabilities(vulns);
        return bom;
    }

    private static Vulnerability.Source source(String id) {
        Vulnerability.Source s = new Vulnerability.Source();
        if (id.startsWith("CVE-")) {
            s.setName("NVD");
            s.setUrl("https://nvd.nist.gov/vuln/detail/" + id);
        } else {
            s.setName("OSV");
            s.setUrl("https://osv.dev/vulnerability/" + id);
        }
        return s;
    }

    private static Vulnerability.Rating rating(VulnerabilityFinding f) {
        Vulnerability.Rating r = new Vulnerability.Rating();
        r.setSeverity(switch (f.severity().severity()) {
            case CRITICAL -> Vulnerability.Rating.Severity.CRITICAL;
            case HIGH -> Vulnerability.Rating.Severity.HIGH;
            case MEDIUM -> Vulnerability.Rating.Severity.MEDIUM;
            case LOW -> Vulnerability.Rating.Severity.LOW;
            case NONE -> Vulnerability.Rating.Severity.NONE;
            case UNKNOWN -> Vulnerability.Rating.Severity.UNKNOWN;
        });
        String vector = f.severity().source();
        Vulnerability.Rating.Method method = switch (f.severity().cvssVersion()) {
            case 4 -> Vulnerability.Rating.Method.CVSSV4;
            case 3 -> vector.startsWith("CVSS:3.1") ? Vulnerability.Rating.Method.CVSSV31 : Vulnerability.Rating.Method.CVSSV3;
            case 2 -> Vulnerability.Rating.Method.CVSSV2;
            default -> null;
        };
        if (method != null) {
            r.setScore(f.severity().score());
            r.setMethod(method);
            r.setVector(vector);
        } else {
            r.setMethod(Vulnerability.Rating.Method.OTHER);
        }
        r.setSource(source(f.id()));
        return r;
    }
}
