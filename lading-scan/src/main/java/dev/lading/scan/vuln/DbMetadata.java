package dev.lading.scan.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a vulnerability database holds and how old it is.
 *
 * @param imported       when it was imported (the age {@code scan --db-max-age} checks)
 * @param sources        what it was imported from, with per-source counts
 * @param ecosystems     records per ecosystem (without release: Debian, PyPI ...), sorted
 * @param records        distinct record ids
 * @param newestModified the newest {@code modified} of any record; null when empty
 */
public record DbMetadata(Instant imported, List<OsvSources.Outcome> sources, Map<String, Integer> ecosystems,
                         int records, Instant newestModified) {
    static final int SCHEMA = 1;

    public DbMetadata {
        sources = List.copyOf(sources);
        ecosystems = java.util.Collections.unmodifiableMap(new TreeMap<>(ecosystems));
    }

    public Duration age(Instant now) {
        return Duration.between(imported, now);
    }

    public int skipped() {
        return sources.stream().mapToInt(OsvSources.Outcome::skipped).sum();
    }

    ObjectNode toJson() {
        ObjectNode o = OsvReader.MAPPER.createObjectNode();
        o.put("schemaVersion", SCHEMA);
        o.put("imported", imported.toString());
        o.put("records", records);
        if (newestModified != null) {
            o.put("newestModified", newestModified.toString());
        }
        ObjectNode eco = o.putObject("ecosystems");
        ecosystems.forEach(eco::put);
        var src = o.putArray("sources");
        for (OsvSources.Outcome s : sources) {
            ObjectNode so = src.addObject();
            so.put("source", s.source());
            so.put("records", s.records());
            so.put("skipped", s.skipped());
            s.warnings().forEach(so.withArray("warnings")::add);
        }
        return o;
    }

    static DbMetadata fromJson(JsonNode o, String where) throws java.io.IOException {
        try {
            if (o.path("schemaVersion").asInt() != SCHEMA) {
                throw new java.io.IOException(where + ": database format " + o.path("schemaVersion")
                        + " is not the one this lading reads (" + SCHEMA + "); run 'lading db update' or 'lading db import' again");
            }
            Map<String, Integer> eco = new TreeMap<>();
            o.path("ecosystems").properties().forEach(e -> eco.put(e.getKey(), e.getValue().asInt()));
            List<OsvSources.Outcome> sources = new ArrayList<>();
            for (JsonNode s : o.path("sources")) {
                List<String> w = new ArrayList<>();
                s.path("warnings").forEach(x -> w.add(x.asText()));
                sources.add(new OsvSources.Outcome(s.path("source").asText(), s.path("records").asInt(), s.path("skipped").asInt(), w));
            }
            return new DbMetadata(Instant.parse(o.path("imported").asText()), sources, eco, o.path("records").asInt(),
                    o.hasNonNull("newestModified") ? Instant.parse(o.get("newestModified").asText()) : null);
        } catch (java.time.format.DateTimeParseException e) {
            throw new java.io.IOException(where + ": damaged (" + e.getMessage() + "); import the database again", e);
        }
    }
}
