package dev.lading.scan.vuln;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How severe a record says a vulnerability is for one affected package.
 *
 * @param severity the rating
 * @param score    the CVSS score of the vector that gave the rating (v3 or v2 base score, v4 score), else null
 * @param source   what the rating came from: the CVSS vector, {@code database_specific: MODERATE}, ...; null when
 *                 nothing did
 */
public record SeverityAssessment(Severity severity, Double score, String source) {

    /** Which CVSS version {@link #source()} is: 2, 3 or 4; 0 when the rating did not come from a CVSS vector. */
    public int cvssVersion() {
        if (score == null || source == null) {
            return 0;
        }
        if (source.startsWith("CVSS:4.")) {
            return 4;
        }
        return source.startsWith("CVSS:3.") ? 3 : 2;
    }

    /**
     * Per-package scores win over the record's (the schema allows one or the other). Among the record's CVSS
     * vectors a v3 vector decides, else a v4 vector, else a v2 one (several of one version: the highest score).
     * v3 first because it is what NVD, GHSA's own rating word and the distros' ratings are mostly based on, and
     * what trivy reports; scores of different versions are not comparable, so taking the largest of all (as
     * osv-scanner does) would let the version a database happened to add decide. With no vector that scores,
     * the database's own word decides (GHSA/Debian {@code database_specific.severity}, an {@code Ubuntu}
     * priority), else UNKNOWN.
     */
    public static SeverityAssessment of(OsvRecord record, OsvRecord.Affected affected) {
        List<OsvRecord.Score> scores = affected.severity().isEmpty() ? record.severity() : affected.severity();
        Optional<SeverityAssessment> cvss = best(scores, "CVSS_V3", Cvss3::baseScore, Severity::ofScore)
                .or(() -> best(scores, "CVSS_V4", Cvss4::score, Severity::ofScore))
                .or(() -> best(scores, "CVSS_V2", Cvss2::baseScore, Cvss2::severity));
        if (cvss.isPresent()) {
            return cvss.get();
        }
        for (String word : new String[]{affected.databaseSeverity(), record.databaseSeverity()}) {
            Optional<Severity> s = Severity.ofWord(word);
            if (s.isPresent()) {
                return new SeverityAssessment(s.get(), null, "database_specific: " + word);
            }
        }
        for (OsvRecord.Score s : scores) {
            if (s.type().equals("Ubuntu") && Severity.ofWord(s.score()).isPresent()) {
                return new SeverityAssessment(Severity.ofWord(s.score()).get(), null, "Ubuntu priority: " + s.score());
            }
        }
        return new SeverityAssessment(Severity.UNKNOWN, null,
                scores.stream().map(OsvRecord.Score::score).findFirst().orElse(null));
    }

    private static Optional<SeverityAssessment> best(List<OsvRecord.Score> scores, String type,
                                                     Function<String, Optional<Double>> scorer, Function<Double, Severity> rating) {
        return scores.stream().filter(s -> s.type().equals(type))
                .flatMap(s -> scorer.apply(s.score()).map(b -> new SeverityAssessment(rating.apply(b), b, s.score().strip())).stream())
                .max(Comparator.comparingDouble(SeverityAssessment::score));
    }
}
