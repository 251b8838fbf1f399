package dev.lading.scan.vuln;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The OSV schema's evaluation algorithm, event by event, with a dotted-numeric order. */
class RangeEvaluatorTest {
    private final RangeEvaluator evaluator = new RangeEvaluator(DottedScheme.ALL);

    static OsvRecord.Event ev(String kindAndVersion) {
        String[] kv = kindAndVersion.split("=");
        OsvRecord.EventKind k = switch (kv[0]) {
            case "i" -> OsvRecord.EventKind.INTRODUCED;
            case "f" -> OsvRecord.EventKind.FIXED;
            case "l" -> OsvRecord.EventKind.LAST_AFFECTED;
            case "lim" -> OsvRecord.EventKind.LIMIT;
            default -> throw new IllegalArgumentException(kv[0]);
        };
        return new OsvRecord.Event(k, kv[1]);
    }

    static OsvRecord.Range range(OsvRecord.RangeType type, String... events) {
        List<OsvRecord.Event> es = new ArrayList<>();
        for (String e : events) {
            es.add(ev(e));
        }
        return new OsvRecord.Range(type, es);
    }

    static OsvRecord.Affected affected(String ecosystem, List<String> versions, OsvRecord.Range... ranges) {
        return new OsvRecord.Affected(ecosystem, "pkg", null, List.of(ranges), versions, List.of(), null);
    }

    RangeEvaluator.Verdict eval(String version, OsvRecord.Range... ranges) {
        return evaluator.evaluate(affected("Test", List.of(), ranges), version);
    }

    static RangeEvaluator.Verdict hit(String fixed) {
        return new RangeEvaluator.Verdict.Affected(fixed);
    }

    static final RangeEvaluator.Verdict MISS = new RangeEvaluator.Verdict.NotAffected();

    @Test
    void introducedZeroAffectsEverything() {
        OsvRecord.Range r = range(OsvRecord.RangeType.ECOSYSTEM, "i=0");
        assertThat(eval("0.0.1", r)).isEqualTo(hit(null));
        assertThat(eval("99", r)).isEqualTo(hit(null));
    }

    @Test
    void introducedIsInclusiveFixedIsExclusive() {
        OsvRecord.Range r = range(OsvRecord.RangeType.ECOSYSTEM, "i=1.0", "f=1.2");
        assertThat(eval("0.9", r)).isEqualTo(MISS);
        assertThat(eval("1.0", r)).isEqualTo(hit("1.2"));
        assertThat(eval("1.1.9", r)).isEqualTo(hit("1.2"));
        assertThat(eval("1.2", r)).isEqualTo(MISS);
        assertThat(eval("1.10", r)).isEqualTo(MISS);
    }

    @Test
    void lastAffectedIsInclusive() {
        OsvRecord.Range r = range(OsvRecord.RangeType.ECOSYSTEM, "i=0", "l=2.1.214");
        assertThat(eval("2.1.214", r)).isEqualTo(hit(null));
        assertThat(eval("2.1.215", r)).isEqualTo(MISS);
    }

    @Test
    void eventsAreSortedBeforeTheWalkAndSeveralIntervalsInOneRangeWork() {
        // the schema's multiple-range example, listed out of order
        OsvRecord.Range r = range(OsvRecord.RangeType.SEMVER, "f=3.2.5", "i=3.0.0", "f=1.0.2", "i=1.0.0");
        assertThat(eval("1.0.1", r)).isEqualTo(hit("1.0.2"));
        assertThat(eval("2.0.0", r)).isEqualTo(MISS);
        assertThat(eval("3.1.0", r)).isEqualTo(hit("3.2.5"));
        assertThat(eval("3.2.5", r)).isEqualTo(MISS);
        assertThat(eval("0.9", r)).isEqualTo(MISS);
    }

    @Test
    void limitBoundsTheRange() {
        OsvRecord.Range r = range(OsvRecord.RangeType.ECOSYSTEM, "i=1.0", "lim=2.0");
        assertThat(eval("1.5", r)).isEqualTo(hit(null));
        assertThat(eval("2.0", r)).isEqualTo(MISS);
        assertThat(eval("3.0", r)).isEqualTo(MISS);
        OsvRecord.Range star = range(OsvRecord.RangeType.ECOSYSTEM, "i=1.0", "lim=*");
        assertThat(eval("300", star)).isEqualTo(hit(null));
        OsvRecord.Range two = range(OsvRecord.RangeType.ECOSYSTEM, "i=1.0", "lim=1.5", "lim=4.0");
        assertThat(eval("3.0", two)).isEqualTo(hit(null));
    }

    @Test
    void anyRangeOrTheVersionsListIsEnough() {
        OsvRecord.Range a = range(OsvRecord.RangeType.ECOSYSTEM, "i=1.0", "f=1.1");
        OsvRecord.Range b = range(OsvRecord.RangeType.ECOSYSTEM, "i=2.0", "f=2.3");
        assertThat(eval("2.1", a, b)).isEqualTo(hit("2.3"));
        assertThat(eval("1.5", a, b)).isEqualTo(MISS);
        OsvRecord.Affected listed = affected("Test", List.of("1.5", "7.0"), a);
        assertThat(evaluator.evaluate(listed, "7.0")).isEqualTo(hit(null));
        // a listed version below a range's fix names that fix
        assertThat(evaluator.evaluate(affected("Test", List.of("0.5"), a), "0.5")).isEqualTo(hit("1.1"));
        assertThat(evaluator.evaluate(listed, "7.1")).isEqualTo(MISS);
    }

    @Test
    void theFixOfferedIsTheSmallestAboveTheVersionInTheAffectingRange() {
        OsvRecord.Range r = range(OsvRecord.RangeType.ECOSYSTEM, "i=0", "f=1.5", "f=1.2", "i=2.0", "f=2.4");
        assertThat(eval("1.0", r)).isEqualTo(hit("1.2"));
        assertThat(eval("2.1", r)).isEqualTo(hit("2.4"));
        OsvRecord.Range other = range(OsvRecord.RangeType.ECOSYSTEM, "i=5.0", "f=5.1");
        assertThat(eval("2.1", other, r)).isEqualTo(hit("2.4"));
    }

    @Test
    void gitRangesAreIgnored() {
        OsvRecord.Range git = range(OsvRecord.RangeType.GIT, "i=0", "f=abcdef");
        assertThat(eval("1.0", git)).isEqualTo(MISS);
    }

    @Test
    void noSchemeOrAnUnreadableVersionIsUnknownNeverAGuess() {
        OsvRecord.Range r = range(OsvRecord.RangeType.ECOSYSTEM, "i=0", "f=1.2");
        assertThat(evaluator.evaluate(affected("Unordered", List.of(), r), "1.0"))
                .isInstanceOf(RangeEvaluator.Verdict.Unknown.class);
        assertThat(eval("1.0~rc1", r)).isInstanceOf(RangeEvaluator.Verdict.Unknown.class);
        assertThat(eval("1.0", range(OsvRecord.RangeType.ECOSYSTEM, "i=0", "f=1.2-beta")))
                .isInstanceOf(RangeEvaluator.Verdict.Unknown.class);
        // but the versions list needs no ordering, nor does "every version" (introduced 0, no upper bound)
        assertThat(evaluator.evaluate(affected("Unordered", List.of(), range(OsvRecord.RangeType.ECOSYSTEM, "i=0")), "1.0~x"))
                .isEqualTo(hit(null));
        assertThat(evaluator.evaluate(affected("Unordered", List.of("1.0"), r), "1.0")).isEqualTo(hit(null));
    }

    @Test
    void semverRangesAskForTheSemverScheme() {
        List<String> asked = new ArrayList<>();
        RangeEvaluator e = new RangeEvaluator(k -> {
            asked.add(k);
            return DottedScheme.ALL.apply(k);
        });
        e.evaluate(affected("Go", List.of(), range(OsvRecord.RangeType.SEMVER, "i=0", "f=2.0")), "1.0");
        e.evaluate(affected("Debian:12", List.of(), range(OsvRecord.RangeType.ECOSYSTEM, "i=0", "f=2.0")), "1.0");
        assertThat(asked).containsExactly(RangeEvaluator.SEMVER, "Debian:12");
    }

    @Test
    void withoutASemverSchemeASemverEcosystemsOwnOrderServes() {
        VersionSchemeStub semverNamed = new VersionSchemeStub("semver");
        VersionSchemeStub pep440 = new VersionSchemeStub("pep440");
        RangeEvaluator e = new RangeEvaluator(k -> switch (k) {
            case "Go" -> java.util.Optional.of(semverNamed);
            case "PyPI" -> java.util.Optional.of(pep440);
            default -> java.util.Optional.empty();
        });
        OsvRecord.Range r = range(OsvRecord.RangeType.SEMVER, "i=0", "f=2.0");
        assertThat(e.evaluate(affected("Go", List.of(), r), "1.0")).isEqualTo(hit("2.0"));
        // PEP 440 is not SemVer: a SEMVER range on PyPI is not evaluated with it
        assertThat(e.evaluate(affected("PyPI", List.of(), r), "1.0")).isInstanceOf(RangeEvaluator.Verdict.Unknown.class);
    }

    /** The dotted order under another name. */
    record VersionSchemeStub(String name) implements dev.lading.scan.version.VersionScheme {
        @Override
        public boolean isValid(String version) {
            return DottedScheme.INSTANCE.isValid(version);
        }

        @Override
        public int compare(String a, String b) {
            return DottedScheme.INSTANCE.compare(a, b);
        }
    }
}
