package dev.lading.scan.vuln;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How severe a record says a vulnerability is for one affected package.
 *
 * @param severity the rating
 * @param score    the CVSS base score when a v3 vector gave it, else null
 * @param source   what the rating came from: the vector, {@code database_specific: MODERATE}, ...; null when nothing did
 */
public record SeverityAssessment(Severity severity, Double score, String source) {

    /**
     * Per-package scores win over the record's (the schema allows one or the other). A CVSS v3 vector is
     * scored; v2 and v4 vectors are not (v4's scoring needs its full lookup tables), so then the database's own
     * word decides (GHSA/Debian {@code database_specific.severity}, an {@code Ubuntu} priority), else UNKNOWN.
     */
    public static SeverityAssessment of(OsvRecord record, OsvRecord.Affected affected) {
        List<OsvRecord.Score> scores = affected.severity().isEmpty() ? record.severity() : affected.severity();
        Optional<SeverityAssessment> v3 = scores.stream().filter(s -> s.type().equals("CVSS_V3"))
                .flatMap(s -> Cvss3.baseScore(s.score()).map(b -> new SeverityAssessment(Severity.ofScore(b), b, s.score())).stream())
                .max(Comparator.comparingDouble(SeverityAssessment::score));
        if (v3.isPresent()) {
            return v3.get();
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
}
