package dev.lading.scan.vuln;

import dev.lading.scan.Distro;
import dev.lading.scan.Sbom;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code lading scan} reports about one image, in sections. Vulnerabilities are the first section;
 * secrets, policy and efficiency findings join as further sections (each with its own findings type) without
 * changing this one, and the JSON document gains a key per section.
 *
 * @param subject         the image
 * @param distro          its distribution, if os-release named one
 * @param vulnerabilities the vulnerability section
 */
public record ScanReport(Sbom.Subject subject, Optional<Distro> distro, VulnerabilityReport vulnerabilities) {
    public ScanReport {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(distro, "distro");
        Objects.requireNonNull(vulnerabilities, "vulnerabilities");
    }
}
