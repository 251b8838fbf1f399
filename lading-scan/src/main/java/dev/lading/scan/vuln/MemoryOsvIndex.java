package dev.lading.scan.vuln;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records held in memory, for OSV files given straight to {@code scan --db} and for tests. */
public final class MemoryOsvIndex implements OsvIndex {
    private final Map<String, Map<String, OsvRecord>> byKey = new HashMap<>();

    public MemoryOsvIndex(Collection<OsvRecord> records) {
        for (OsvRecord r : records) {
            for (OsvRecord.Affected a : r.affected()) {
                if (a.name().isEmpty()) {
                    continue;
                }
                byKey.computeIfAbsent(key(a.ecosystemBase(), a.name()), k -> new LinkedHashMap<>())
                        .merge(r.id(), r, MemoryOsvIndex::newer);
            }
        }
    }

    /** Reads OSV files (directories, zips, JSON files) into memory, for {@code scan --db PATH} without an import. */
    public static Loaded read(List<java.nio.file.Path> sources, java.time.Clock clock) throws java.io.IOException {
        List<OsvRecord> records = new ArrayList<>();
        List<OsvSources.Outcome> outcomes = new ArrayList<>();
        for (java.nio.file.Path p : sources) {
            outcomes.add(OsvSources.read(p, records::add));
        }
        Map<String, java.util.Set<String>> ids = new java.util.TreeMap<>();
        java.time.Instant newest = null;
        for (OsvRecord r : records) {
            r.affected().stream().filter(a -> !a.name().isEmpty())
                    .forEach(a -> ids.computeIfAbsent(a.ecosystemBase(), k -> new java.util.HashSet<>()).add(r.id()));
            newest = newest == null || r.modified().isAfter(newest) ? r.modified() : newest;
        }
        Map<String, Integer> counts = new java.util.TreeMap<>();
        ids.forEach((k, v) -> counts.put(k, v.size()));
        int distinct = (int) records.stream().map(OsvRecord::id).distinct().count();
        return new Loaded(new MemoryOsvIndex(records), new DbMetadata(clock.instant(), outcomes, counts, distinct, newest));
    }

    /** An index read from files, and what reading them found. */
    public record Loaded(MemoryOsvIndex index, DbMetadata metadata) {
    }

    static String key(String ecosystemBase, String name) {
        return ecosystemBase + "\u0000" + OsvIndex.normalizeName(ecosystemBase, name);
    }

    /** Of two versions of one record, the one modified last (the later source on a tie). */
    static OsvRecord newer(OsvRecord a, OsvRecord b) {
        return b.modified().isBefore(a.modified()) ? a : b;
    }

    @Override
    public List<OsvRecord> records(String ecosystemBase, String name) {
        Map<String, OsvRecord> m = byKey.get(key(ecosystemBase, name));
        if (m == null) {
            return List.of();
        }
        List<OsvRecord> out = new ArrayList<>(m.values());
        out.sort(Comparator.comparing(OsvRecord::id));
        return out;
    }
}
