package dev.lading.lint;

import dev.lading.dockerfile.SourceRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the findings of twin rules ({@link Rule#twins()}): where rules declared as twins report at the same
 * range of the same file, the user sees one finding naming every ID, at the highest of their severities.
 *
 * <p>Merging runs after configuration and pragmas were applied to each rule on its own, so ignoring one ID
 * leaves the other's finding standing under its own name alone.
 */
final class Twins {
    private Twins() {
    }

    /** The order IDs are named in: lading's first, then hadolint's, then BuildKit's and others. */
    private static final Comparator<String> ID_ORDER = (a, b) -> {
        int byRank = Integer.compare(rank(a), rank(b));
        return byRank != 0 ? byRank : a.compareTo(b);
    };

    /** 0 for lading's IDs, 1 for hadolint's ({@code DL} and four digits), 2 for the others. */
    static int rank(String id) {
        if (id.startsWith("LD")) {
            return 0;
        }
        if (id.length() != 6 || !id.startsWith("DL")) {
            return 2;
        }
        for (int i = 2; i < 6; i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return 2;
            }
        }
        return 1;
    }

    static List<Finding> merge(List<Finding> findings, List<? extends RuleInfo> rules) {
        return merge(findings, relations(rules));
    }

    /** Which IDs are twins of which: the declarations of {@code rules}, made symmetric. */
    static Map<String, Set<String>> relations(List<? extends RuleInfo> rules) {
        Map<String, Set<String>> related = new HashMap<>();
        for (RuleInfo r : rules) {
            for (String t : r.twins()) {
                related.computeIfAbsent(r.id(), k -> new HashSet<>()).add(t);
                related.computeIfAbsent(t, k -> new HashSet<>()).add(r.id());
            }
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        related.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        return Map.copyOf(frozen);
    }

    /** As {@link #merge(List, List)}, with the relation already worked out by {@link #relations}. */
    static List<Finding> merge(List<Finding> findings, Map<String, Set<String>> related) {
        if (related.isEmpty() || !twinsMeet(findings, related)) {
            // nothing to merge; the caller sorts, and findings of one rule keep their order either way
            return new ArrayList<>(findings);
        }
        Map<Place, List<Finding>> byPlace = new LinkedHashMap<>();
        for (Finding f : findings) {
            byPlace.computeIfAbsent(new Place(f.file(), f.range()), k -> new ArrayList<>()).add(f);
        }
        List<Finding> out = new ArrayList<>();
        for (List<Finding> group : byPlace.values()) {
            if (group.size() == 1) {
                out.add(group.get(0)); // most places have one finding: nothing to merge
                continue;
            }
            Set<String> ids = new LinkedHashSet<>();
            for (Finding f : group) {
                ids.add(f.ruleId());
            }
            Set<String> done = new HashSet<>();
            for (String id : ids) {
                if (done.contains(id)) {
                    continue;
                }
                Set<String> component = component(id, ids, related);
                done.addAll(component);
                List<Finding> members = new ArrayList<>(group.size());
                for (Finding f : group) {
                    if (component.contains(f.ruleId())) {
                        members.add(f);
                    }
                }
                if (component.size() == 1) {
                    out.addAll(members);
                } else {
                    out.add(combine(members, component));
                }
            }
        }
        return out;
    }

    /** True when two findings of different IDs that are twins of some rule share a place. */
    private static boolean twinsMeet(List<Finding> findings, Map<String, Set<String>> related) {
        Map<Place, String> seen = new HashMap<>();
        for (Finding f : findings) {
            if (!related.containsKey(f.ruleId())) {
                continue;
            }
            String other = seen.putIfAbsent(new Place(f.file(), f.range()), f.ruleId());
            if (other != null && !other.equals(f.ruleId())) {
                return true;
            }
        }
        return false;
    }

    /** The IDs present at one place that are connected to {@code start} through twin declarations. */
    private static Set<String> component(String start, Set<String> present, Map<String, Set<String>> related) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(start));
        while (!todo.isEmpty()) {
            String id = todo.remove(todo.size() - 1);
            if (seen.add(id)) {
                for (String t : related.getOrDefault(id, Set.of())) {
                    if (present.contains(t) && !seen.contains(t)) {
                        todo.add(t);
                    }
                }
            }
        }
        return seen;
    }

    /**
     * One finding for twins at one place: the primary ID's messages (lading's rule explains the most), the
     * most severe severity, the primary's doc link.
     */
    private static Finding combine(List<Finding> members, Set<String> component) {
        List<String> ordered = new ArrayList<>(component);
        ordered.sort(ID_ORDER);
        String primary = ordered.get(0);
        Set<String> messages = new LinkedHashSet<>(); // the primary's distinct messages, in order
        Finding first = null;
        Severity severity = null;
        for (Finding f : members) {
            if (f.ruleId().equals(primary)) {
                messages.add(f.message());
                first = first == null ? f : first;
            }
            severity = severity == null || f.severity().compareTo(severity) < 0 ? f.severity() : severity;
        }
        String message = String.join("; ", messages);
        return new Finding(primary, severity, message, first.file(), first.range(), first.docUrl(),
                ordered.subList(1, ordered.size()));
    }

    /** With equals and hashCode by hand, as {@link SourceRange#equals}: every finding is hashed here. */
    private record Place(String file, SourceRange range) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Place p && p.file.equals(file) && p.range.equals(range);
        }

        @Override
        public int hashCode() {
            return 31 * file.hashCode() + range.hashCode();
        }
    }
}
