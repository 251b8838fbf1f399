package dev.lading.scan.vuln;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads OSV JSON into {@link OsvRecord}s and writes the compact form the database stores. Tolerant where the
 * schema is optional (missing arrays are empty, unknown fields ignored), strict where matching depends on it
 * (id, modified, affected package, event shapes): a record that cannot be trusted is refused with an
 * {@link OsvFormatException} naming the source and the field, never half-read.
 */
public final class OsvReader {
    /** One OSV file above this is not a vulnerability record; refusing it keeps a hostile input from filling memory. */
    public static final long MAX_RECORD_BYTES = 16L * 1024 * 1024;

    // records nest a handful of levels; deep nesting is an attack, not data
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64).maxStringLength((int) MAX_RECORD_BYTES).build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private OsvReader() {
    }

    /**
     * Reads one file's records: an OSV object, or (as some tools write) an array of them. At most
     * {@link #MAX_RECORD_BYTES} are read; {@code source} names the input in errors.
     */
    public static List<OsvRecord> read(InputStream in, String source) throws OsvFormatException, IOException {
        JsonNode root;
        BoundedInputStream bounded = new BoundedInputStream(in, MAX_RECORD_BYTES, source);
        try {
            root = MAPPER.readTree(bounded);
        } catch (BoundedInputStream.TooLargeException e) {
            if (!e.from(bounded)) {
                throw e; // an outer bound (a zip entry's) decides what that means
            }
            throw new OsvFormatException(source + ": larger than " + (MAX_RECORD_BYTES >> 20) + " MiB, not an OSV record");
        } catch (JsonProcessingException e) {
            throw new OsvFormatException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new OsvFormatException(source + ": empty");
        }
        List<OsvRecord> out = new ArrayList<>();
        if (root.isArray()) {
            int i = 0;
            for (JsonNode n : root) {
                out.add(parse(n, source + "[" + i++ + "]"));
            }
        } else {
            out.add(parse(root, source));
        }
        return out;
    }

    /** One record from its JSON tree. */
    public static OsvRecord parse(JsonNode n, String source) throws OsvFormatException {
        if (!n.isObject()) {
            throw new OsvFormatException(source + ": an OSV record is a JSON object, not " + kind(n));
        }
        String id = requiredText(n, "id", source);
        String where = source + " (" + id + ")";
        Instant modified = n.has("modified") ? time(n.get("modified"), "modified", where) : Instant.EPOCH;
        Instant published = n.has("published") ? lenientTime(n.get("published")) : null;
        Instant withdrawn = n.has("withdrawn") && !n.get("withdrawn").isNull() ? time(n.get("withdrawn"), "withdrawn", where) : null;
        List<String> aliases = texts(n, "aliases", where);
        String summary = optionalText(n, "summary", where);
        List<OsvRecord.Score> severity = scores(n.get("severity"), "severity", where);
        List<OsvRecord.Affected> affected = new ArrayList<>();
        JsonNode aff = array(n, "affected", where);
        for (int i = 0; i < aff.size(); i++) {
            affected.add(affected(aff.get(i), "affected[" + i + "]", where));
        }
        return new OsvRecord(id, aliases, modified, published, withdrawn, summary, severity, affected,
                severityWord(n.get("database_specific")));
    }

    private static OsvRecord.Affected affected(JsonNode a, String field, String where) throws OsvFormatException {
        if (!a.isObject()) {
            throw new OsvFormatException(where + ": " + field + " must be an object, not " + kind(a));
        }
        JsonNode pkg = a.get("package");
        if (pkg == null || !pkg.isObject()) {
            // the schema lets an entry without a package describe e.g. a git repository only: nothing to match by name
            return new OsvRecord.Affected("", "", null, List.of(), List.of(), List.of(), null);
        }
        String ecosystem = requiredText(pkg, "ecosystem", where + ": " + field + ".package");
        String name = requiredText(pkg, "name", where + ": " + field + ".package");
        String purl = optionalText(pkg, "purl", where + ": " + field + ".package");
        if (name.chars().anyMatch(ch -> ch < 0x20) || ecosystem.chars().anyMatch(ch -> ch < 0x20)) {
            throw new OsvFormatException(where + ": " + field + ".package has control characters in its name or ecosystem");
        }
        List<OsvRecord.Range> ranges = new ArrayList<>();
        JsonNode rs = array(a, "ranges", where + ": " + field);
        for (int i = 0; i < rs.size(); i++) {
            String rf = field + ".ranges[" + i + "]";
            JsonNode r = rs.get(i);
            if (!r.isObject()) {
                throw new OsvFormatException(where + ": " + rf + " must be an object, not " + kind(r));
            }
            String typeText = requiredText(r, "type", where + ": " + rf);
            var type = OsvRecord.RangeType.parse(typeText);
            if (type.isEmpty()) {
                // a range type a newer schema adds: it cannot be evaluated, but the rest of the record can
                continue;
            }
            List<OsvRecord.Event> events = new ArrayList<>();
            JsonNode es = array(r, "events", where + ": " + rf);
            for (int j = 0; j < es.size(); j++) {
                events.add(event(es.get(j), where + ": " + rf + ".events[" + j + "]"));
            }
            ranges.add(new OsvRecord.Range(type.get(), events));
        }
        List<String> versions = texts(a, "versions", where + ": " + field);
        String word = severityWord(a.get("database_specific"));
        if (word == null) {
            word = severityWord(a.get("ecosystem_specific"));
        }
        return new OsvRecord.Affected(ecosystem, name, purl, ranges, versions,
                scores(a.get("severity"), field + ".severity", where), word);
    }

    private static OsvRecord.Event event(JsonNode e, String where) throws OsvFormatException {
        if (!e.isObject() || e.size() == 0) {
            throw new OsvFormatException(where + ": an event is an object with one of introduced, fixed, last_affected, limit");
        }
        OsvRecord.Event found = null;
        for (OsvRecord.EventKind k : OsvRecord.EventKind.values()) {
            JsonNode v = e.get(k.field());
            if (v == null) {
                continue;
            }
            if (!v.isTextual() || v.asText().isEmpty()) {
                throw new OsvFormatException(where + ": " + k.field() + " must be a non-empty string, not " + kind(v));
            }
            if (found != null) {
                throw new OsvFormatException(where + ": an event has exactly one of introduced, fixed, last_affected, limit");
            }
            found = new OsvRecord.Event(k, v.asText());
        }
        if (found == null) {
            throw new OsvFormatException(where + ": an event has exactly one of introduced, fixed, last_affected, limit");
        }
        return found;
    }

    private static List<OsvRecord.Score> scores(JsonNode s, String field, String where) throws OsvFormatException {
        if (s == null || s.isNull()) {
            return List.of();
        }
        if (!s.isArray()) {
            throw new OsvFormatException(where + ": " + field + " must be an array, not " + kind(s));
        }
        List<OsvRecord.Score> out = new ArrayList<>();
        for (JsonNode x : s) {
            JsonNode type = x.get("type");
            JsonNode score = x.get("score");
            if (type != null && type.isTextual() && score != null && score.isTextual()) {
                out.add(new OsvRecord.Score(type.asText(), score.asText()));
            }
        }
        return out;
    }

    /** {@code severity} in a database_specific/ecosystem_specific object, when it is a word. */
    private static String severityWord(JsonNode specific) {
        if (specific == null || !specific.isObject()) {
            return null;
        }
        JsonNode s = specific.get("severity");
        return s != null && s.isTextual() && !s.asText().isBlank() ? s.asText().strip() : null;
    }

    private static JsonNode array(JsonNode n, String field, String where) throws OsvFormatException {
        JsonNode a = n.get(field);
        if (a == null || a.isNull()) {
            return MAPPER.createArrayNode();
        }
        if (!a.isArray()) {
            throw new OsvFormatException(where + ": " + field + " must be an array, not " + kind(a));
        }
        return a;
    }

    private static List<String> texts(JsonNode n, String field, String where) throws OsvFormatException {
        List<String> out = new ArrayList<>();
        for (JsonNode x : array(n, field, where)) {
            if (!x.isTextual()) {
                throw new OsvFormatException(where + ": " + field + " must hold strings, not " + kind(x));
            }
            out.add(x.asText());
        }
        return out;
    }

    private static String requiredText(JsonNode n, String field, String where) throws OsvFormatException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new OsvFormatException(where + ": no " + field);
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new OsvFormatException(where + ": " + field + " must be a non-empty string, not " + kind(v));
        }
        return v.asText();
    }

    private static String optionalText(JsonNode n, String field, String where) throws OsvFormatException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new OsvFormatException(where + ": " + field + " must be a string, not " + kind(v));
        }
        return v.asText();
    }

    private static Instant time(JsonNode v, String field, String where) throws OsvFormatException {
        Instant t = v.isTextual() ? lenientTime(v) : null;
        if (t == null) {
            throw new OsvFormatException(where + ": " + field + " must be an RFC 3339 time, not " + v);
        }
        return t;
    }

    private static Instant lenientTime(JsonNode v) {
        if (!v.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.asText().strip().toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String kind(JsonNode n) {
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** The compact JSON the database stores: a valid OSV record holding only what {@link #parse} reads. */
    public static ObjectNode toJson(OsvRecord r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", r.id());
        o.put("modified", r.modified().toString());
        if (r.published() != null) {
            o.put("published", r.published().toString());
        }
        if (r.withdrawn() != null) {
            o.put("withdrawn", r.withdrawn().toString());
        }
        if (!r.aliases().isEmpty()) {
            r.aliases().forEach(o.putArray("aliases")::add);
        }
        if (r.summary() != null) {
            o.put("summary", r.summary());
        }
        scoresJson(o, r.severity());
        if (r.databaseSeverity() != null) {
            o.putObject("database_specific").put("severity", r.databaseSeverity());
        }
        ArrayNode affected = o.putArray("affected");
        for (OsvRecord.Affected a : r.affected()) {
            ObjectNode ao = affected.addObject();
            if (a.name().isEmpty()) {
                continue;
            }
            ObjectNode p = ao.putObject("package");
            p.put("ecosystem", a.ecosystem());
            p.put("name", a.name());
            if (a.purl() != null) {
                p.put("purl", a.purl());
            }
            scoresJson(ao, a.severity());
            if (!a.ranges().isEmpty()) {
                ArrayNode ranges = ao.putArray("ranges");
                for (OsvRecord.Range range : a.ranges()) {
                    ObjectNode ro = ranges.addObject();
                    ro.put("type", range.type().name());
                    ArrayNode events = ro.putArray("events");
                    range.events().forEach(e -> events.addObject().put(e.kind().field(), e.version()));
                }
            }
            if (!a.versions().isEmpty()) {
                a.versions().forEach(ao.putArray("versions")::add);
            }
            if (a.databaseSeverity() != null) {
                ao.putObject("database_specific").put("severity", a.databaseSeverity());
            }
        }
        return o;
    }

    private static void scoresJson(ObjectNode o, List<OsvRecord.Score> scores) {
        if (!scores.isEmpty()) {
            ArrayNode a = o.putArray("severity");
            scores.forEach(s -> a.addObject().put("type", s.type()).put("score", s.score()));
        }
    }
}
