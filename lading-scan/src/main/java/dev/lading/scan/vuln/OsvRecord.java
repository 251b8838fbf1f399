package dev.lading.scan.vuln;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One OSV vulnerability record (https://ossf.github.io/osv-schema/), reduced to what matching and reporting
 * use. {@code details}, {@code references} and {@code credits} are not kept: the report links to the record
 * by id, and the database stays small.
 *
 * @param id                 e.g. {@code DSA-5532-1}, {@code GHSA-xxxx-xxxx-xxxx}, {@code CVE-2024-1234}
 * @param aliases            other ids of the same vulnerability (CVE ids among them), sorted
 * @param modified           when the record last changed; {@link Instant#EPOCH} when the record has none
 * @param published          may be null
 * @param withdrawn          set when the record was retracted: withdrawn records never match
 * @param summary            one line, may be null
 * @param severity           the top-level scores
 * @param affected           the affected packages
 * @param databaseSeverity   a severity word a database put in {@code database_specific.severity}
 *                           (GHSA: LOW/MODERATE/HIGH/CRITICAL; Debian: low/medium/high/unimportant); null when none
 */
public record OsvRecord(String id, List<String> aliases, Instant modified, Instant published, Instant withdrawn,
                        String summary, List<Score> severity, List<Affected> affected, String databaseSeverity) {

    public OsvRecord {
        Objects.requireNonNull(id, "id");
        aliases = aliases.stream().distinct().sorted().toList();
        Objects.requireNonNull(modified, "modified");
        severity = List.copyOf(severity);
        affected = List.copyOf(affected);
    }

    public boolean isWithdrawn() {
        return withdrawn != null;
    }

    /** The CVE ids among the record's own id and aliases, sorted: what people search for. */
    public List<String> cves() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(id), aliases.stream())
                .filter(a -> a.startsWith("CVE-")).distinct().sorted().toList();
    }

    /**
     * A severity score.
     *
     * @param type  {@code CVSS_V2}, {@code CVSS_V3}, {@code CVSS_V4}, {@code Ubuntu}, or another the schema adds
     * @param score the vector (CVSS) or word (Ubuntu)
     */
    public record Score(String type, String score) {
        public Score {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(score, "score");
        }
    }

    /**
     * One {@code affected[]} entry.
     *
     * @param ecosystem        as the record writes it: {@code Debian:12}, {@code PyPI}, {@code Alpine:v3.20}
     * @param name             the package name in that ecosystem (for distros: the source package)
     * @param purl             may be null
     * @param ranges           the version ranges
     * @param versions         the explicitly listed affected versions
     * @param severity         per-package scores (the schema allows these instead of top-level ones)
     * @param databaseSeverity {@code affected[].database_specific.severity} or {@code ecosystem_specific.severity}
     */
    public record Affected(String ecosystem, String name, String purl, List<Range> ranges, List<String> versions,
                           List<Score> severity, String databaseSeverity) {
        public Affected {
            Objects.requireNonNull(ecosystem, "ecosystem");
            Objects.requireNonNull(name, "name");
            ranges = List.copyOf(ranges);
            versions = List.copyOf(versions);
            severity = List.copyOf(severity);
        }

        /** The ecosystem without its {@code :release} suffix: {@code Debian} for {@code Debian:12}. */
        public String ecosystemBase() {
            return OsvRecord.ecosystemBase(ecosystem);
        }
    }

    /** A range: its type and its events in the order the record lists them (evaluation sorts them). */
    public record Range(RangeType type, List<Event> events) {
        public Range {
            Objects.requireNonNull(type, "type");
            events = List.copyOf(events);
        }
    }

    public enum RangeType {
        SEMVER, ECOSYSTEM, GIT;

        static Optional<RangeType> parse(String s) {
            for (RangeType t : values()) {
                if (t.name().equals(s)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /** One event of a range: exactly one kind and its version. */
    public record Event(EventKind kind, String version) {
        public Event {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(version, "version");
        }
    }

    public enum EventKind {
        INTRODUCED("introduced"), FIXED("fixed"), LAST_AFFECTED("last_affected"), LIMIT("limit");

        private final String field;

        EventKind(String field) {
            this.field = field;
        }

        /** The JSON field name. */
        public String field() {
            return field;
        }
    }

    /** {@code Debian} for {@code Debian:12}, {@code Maven} for {@code Maven:https://maven.google.com}. */
    public static String ecosystemBase(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    }
}
