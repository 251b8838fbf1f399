/**
 * Known vulnerabilities in an image's packages, from an offline OSV database.
 *
 * <ul>
 * <li>{@link dev.lading.scan.vuln.OsvReader} reads OSV records (https://ossf.github.io/osv-schema/) into
 *     {@link dev.lading.scan.vuln.OsvRecord}s, refusing what cannot be trusted with an error naming the file and
 *     field; {@link dev.lading.scan.vuln.OsvSources} streams them out of directories, OSV export zips and single
 *     files, skipping and counting bad records and refusing zip bombs.</li>
 * <li>{@link dev.lading.scan.vuln.VulnerabilityDatabase} is the imported database under
 *     {@code $LADING_HOME/db}: records bucketed by (ecosystem, package name), replaced atomically on import, read
 *     per lookup; {@link dev.lading.scan.vuln.MemoryOsvIndex} holds records read straight from files. Both are an
 *     {@link dev.lading.scan.vuln.OsvIndex}. {@link dev.lading.scan.vuln.OsvDownloader} fetches exports.</li>
 * <li>{@link dev.lading.scan.vuln.VulnerabilityMatcher} matches an {@link dev.lading.scan.Sbom}: distro packages
 *     by source package and release, language packages by ecosystem and name, ranges evaluated by the schema's
 *     algorithm with the ecosystem's {@link dev.lading.scan.version.VersionScheme} (never a guess: what cannot be
 *     ordered is reported as not checked). {@link dev.lading.scan.vuln.SeverityAssessment} rates each finding from
 *     CVSS v3 ({@link dev.lading.scan.vuln.Cvss3}) or the database's own word.</li>
 * <li>{@link dev.lading.scan.vuln.VulnerabilityReport} applies filters, ignore files
 *     ({@link dev.lading.scan.vuln.IgnoreFile}) and OpenVEX ({@link dev.lading.scan.vuln.Vex}), keeping what it
 *     left out and why; {@link dev.lading.scan.vuln.ScanReport} is the whole scan in sections (vulnerabilities,
 *     secrets, image policy, layer efficiency, each present only when it ran) and
 *     {@link dev.lading.scan.vuln.ScanReportWriter} writes it as a table, JSON, SARIF 2.1.0, CycloneDX 1.6 JSON
 *     (through {@link dev.lading.scan.CycloneDxScanWriter}) or one HTML page.</li>
 * </ul>
 */
package dev.lading.scan.vuln;
