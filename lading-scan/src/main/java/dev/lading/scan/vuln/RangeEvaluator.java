package dev.lading.scan.vuln;

import dev.lading.scan.version.VersionScheme;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a version is inside an {@code affected[]} entry, by the OSV schema's evaluation algorithm
 * (https://ossf.github.io/osv-schema/#evaluation): affected if the version is in {@code versions} or any
 * range says so; in a range the events are sorted by version ({@code introduced: "0"} before all,
 * {@code limit: "*"} after all) and walked: {@code introduced} at or below the version turns it on,
 * {@code fixed} at or below turns it off, {@code last_affected} below turns it off; a range with
 * {@code limit} events only counts below one of them. GIT ranges need the repository and are skipped.
 * <p>
 * A range whose versions the ecosystem's scheme cannot order (no scheme, or a version it rejects) is not
 * guessed at: the answer is {@link Verdict.Unknown} unless another range or the versions list decides.
 */
final class RangeEvaluator {
    /** The key the SEMVER range type's scheme is looked up by (OSV ranges of type SEMVER are SemVer 2.0 whatever the ecosystem). */
    static final String SEMVER = "SemVer";

    private final Function<String, Optional<VersionScheme>> schemes;

    RangeEvaluator(Function<String, Optional<VersionScheme>> schemes) {
        this.schemes = schemes;
    }

    /** The outcome for one affected entry. */
    sealed interface Verdict {
        /** Affected; {@code fixed} is the smallest fix above the version, null when none is known. */
        record Affected(String fixed) implements Verdict {
        }

        record NotAffected() implements Verdict {
        }

        /** No range could be evaluated, e.g. no version scheme for the ecosystem; {@code reason} says why. */
        record Unknown(String reason) implements Verdict {
        }
    }

    Verdict evaluate(OsvRecord.Affected affected, String version) {
        boolean listed = affected.versions().contains(version);
        boolean inRange = false;
        String unknown = null;
        // the fix offered: from a range that says affected when one does, else from any evaluable range
        // (a versions-list hit can still name one); compared only within one scheme
        VersionScheme fixScheme = null;
        String fix = null;
        boolean fixFromAffectingRange = false;
        for (OsvRecord.Range range : affected.ranges()) {
            if (range.type() == OsvRecord.RangeType.GIT) {
                continue;
            }
            if (range.events().stream().allMatch(RangeEvaluator::special)
                    && range.events().stream().anyMatch(e -> e.kind() == OsvRecord.EventKind.INTRODUCED)) {
                // "introduced 0" with no bound above (a distro's "not fixed yet"): every version, no ordering needed
                inRange = true;
                continue;
            }
            String key = range.type() == OsvRecord.RangeType.SEMVER ? SEMVER : affected.ecosystem();
            Optional<VersionScheme> scheme = range.type() == OsvRecord.RangeType.SEMVER ? semver(affected.ecosystem()) : schemes.apply(key);
            if (scheme.isEmpty()) {
                unknown = "no version ordering for " + key;
                continue;
            }
            VersionScheme s = scheme.get();
            if (!s.isValid(version)) {
                unknown = "'" + version + "' is not a " + s.name() + " version";
                continue;
            }
            Optional<String> bad = range.events().stream().map(OsvRecord.Event::version)
                    .filter(v -> !special(v) && !s.isValid(v)).findFirst();
            if (bad.isPresent()) {
                unknown = "the record's version '" + bad.get() + "' is not a " + s.name() + " version";
                continue;
            }
            boolean here = included(s, range.events(), version);
            inRange |= here;
            Optional<String> f = smallestFixAbove(s, range.events(), version);
            if (f.isPresent()) {
                boolean better = fix == null
                        || here && !fixFromAffectingRange
                        || here == fixFromAffectingRange && fixScheme.name().equals(s.name()) && s.compare(f.get(), fix) < 0;
                if (better) {
                    fix = f.get();
                    fixScheme = s;
                    fixFromAffectingRange = here;
                }
            }
        }
        if (listed || inRange) {
            return new Verdict.Affected(fix);
        }
        return unknown == null ? new Verdict.NotAffected() : new Verdict.Unknown(unknown);
    }

    /**
     * The order for a SEMVER range: the registry's SemVer scheme; failing that, the ecosystem's own when it is
     * SemVer 2.0 precedence already (Go, crates.io: "semver"; npm's node-semver orders valid SemVer the same way).
     */
    private Optional<VersionScheme> semver(String ecosystem) {
        Optional<VersionScheme> s = schemes.apply(SEMVER);
        if (s.isPresent()) {
            return s;
        }
        return schemes.apply(ecosystem).filter(e -> SEMVER_COMPATIBLE.contains(e.name()));
    }

    private static final java.util.Set<String> SEMVER_COMPATIBLE = java.util.Set.of("semver", "npm");

    private static boolean special(String v) {
        return v.equals("0") || v.contains("*");
    }

    /** {@code introduced: "0"} or {@code limit: "*"}: bounds that need no ordering. */
    private static boolean special(OsvRecord.Event e) {
        return e.kind() == OsvRecord.EventKind.INTRODUCED && e.version().equals("0")
                || e.kind() == OsvRecord.EventKind.LIMIT && e.version().equals("*");
    }

    static boolean included(VersionScheme s, List<OsvRecord.Event> events, String v) {
        if (!beforeLimits(s, events, v)) {
            return false;
        }
        boolean vulnerable = false;
        for (OsvRecord.Event e : sorted(s, events)) {
            switch (e.kind()) {
                case INTRODUCED -> {
                    if (e.version().equals("0") || s.compare(v, e.version()) >= 0) {
                        vulnerable = true;
                    }
                }
                case FIXED -> {
                    if (s.compare(v, e.version()) >= 0) {
                        vulnerable = false;
                    }
                }
                case LAST_AFFECTED -> {
                    if (s.compare(v, e.version()) > 0) {
                        vulnerable = false;
                    }
                }
                case LIMIT -> {
                    // limits only bound the range (beforeLimits); they do not change the walk
                }
            }
        }
        return vulnerable;
    }

    private static boolean beforeLimits(VersionScheme s, List<OsvRecord.Event> events, String v) {
        List<String> limits = events.stream().filter(e -> e.kind() == OsvRecord.EventKind.LIMIT).map(OsvRecord.Event::version).toList();
        if (limits.isEmpty()) {
            return true;
        }
        return limits.stream().anyMatch(l -> l.contains("*") || s.compare(v, l) < 0);
    }

    /** Events by version; "0" (introduced) sorts first and "*" (limit) last; ties keep the record's order. */
    static List<OsvRecord.Event> sorted(VersionScheme s, List<OsvRecord.Event> events) {
        Comparator<OsvRecord.Event> byVersion = (a, b) -> {
            int ra = rank(a);
            int rb = rank(b);
            if (ra != 0 || rb != 0) {
                return Integer.compare(ra, rb);
            }
            return s.compare(a.version(), b.version());
        };
        List<OsvRecord.Event> out = new ArrayList<>(events);
        out.sort(byVersion); // List.sort is stable
        return out;
    }

    private static int rank(OsvRecord.Event e) {
        if (e.kind() == OsvRecord.EventKind.INTRODUCED && e.version().equals("0")) {
            return -1;
        }
        if (e.version().contains("*")) {
            return 1;
        }
        return 0;
    }

    private static Optional<String> smallestFixAbove(VersionScheme s, List<OsvRecord.Event> events, String v) {
        return events.stream().filter(e -> e.kind() == OsvRecord.EventKind.FIXED && !special(e.version()))
                .map(OsvRecord.Event::version)
                .filter(f -> s.compare(f, v) > 0)
                .min(s::compare);
    }
}
