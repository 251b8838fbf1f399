package dev.lading.scan.vuln;

import dev.lading.scan.Distro;
import dev.lading.scan.Package;
import dev.lading.scan.Sbom;
import dev.lading.scan.efficiency.EfficiencyReport;
import dev.lading.scan.policy.PolicyResult;
import dev.lading.scan.secrets.SecretReport;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code lading scan} reports about one image, in sections. A section is empty when its scanner did not
 * run (which is not the same as a scanner that ran and found nothing), so every writer can leave it out and the
 * JSON document has a key only for the sections that ran.
 *
 * @param sbom            the image and its packages (the SBOM the scan matched against)
 * @param vulnerabilities known vulnerabilities of the packages
 * @param secrets         secrets in any layer, the config's Env and Labels, and the history
 * @param policy          the image policy (IM rules), one result per rule
 * @param efficiency      wasted space per layer, and dive's gates over it
 */
public record ScanReport(Sbom sbom, Optional<VulnerabilityReport> vulnerabilities, Optional<SecretReport> secrets,
                         Optional<List<PolicyResult>> policy, Optional<Efficiency> efficiency) {

    /** The efficiency section: the analysis and its gates (gates not configured are SKIP). */
    public record Efficiency(EfficiencyReport report, List<PolicyResult> gates) {
        public Efficiency {
            Objects.requireNonNull(report, "report");
            gates = List.copyOf(gates);
        }
    }

    public ScanReport {
        Objects.requireNonNull(sbom, "sbom");
        Objects.requireNonNull(vulnerabilities, "vulnerabilities");
        Objects.requireNonNull(secrets, "secrets");
        policy = policy.map(List::copyOf);
        Objects.requireNonNull(efficiency, "efficiency");
    }

    /** A report with only the vulnerability section, and no package list (what the first scan command wrote). */
    public ScanReport(Sbom.Subject subject, Optional<Distro> distro, VulnerabilityReport vulnerabilities) {
        this(new Sbom(subject, distro, List.of(), List.of()), Optional.of(vulnerabilities), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Sbom.Subject subject() {
        return sbom.subject();
    }

    public Optional<Distro> distro() {
        return sbom.distro();
    }

    public List<Package> packages() {
        return sbom.packages();
    }
}
