package dev.lading.build;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The build cache's own JSON files ({@code build-cache.json}, {@code context-hashes.json}): one object of
 * entries, each an object of scalar fields, {@code {"version":1,"SECTION":{"KEY":{"FIELD":VALUE,...},...}}}.
 * Read and written with jackson-core's streaming API: a no-op rebuild reads both, and setting up databind for
 * them was a good part of its start.
 */
final class CacheFiles {

    /**
     * Keys here are file paths and cache keys, nearly all different: canonicalizing and interning them as
     * field names (Jackson's default, good for the few names of a schema) only cost time.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private CacheFiles() {
    }

    /**
     * The entries of {@code section}, each field's value as text (numbers as their digits); fields that are not
     * scalars are left out. An IOException when the file is not such a JSON object.
     */
    static Map<String, Map<String, String>> read(Path file, String section) throws IOException {
        return read(file, java.util.Set.of(section)).getOrDefault(section, new LinkedHashMap<>());
    }

    /** As {@link #read(Path, String)}, for several sections in one pass: section -> its entries (absent: missing). */
    static Map<String, Map<String, Map<String, String>>> read(Path file, java.util.Set<String> sections) throws IOException {
        Map<String, Map<String, Map<String, String>>> all = new LinkedHashMap<>();
        try (JsonParser p = FACTORY.createParser(Files.readAllBytes(file))) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (!sections.contains(name)) {
                    p.skipChildren();
                    continue;
                }
                expect(p, v, JsonToken.START_OBJECT);
                Map<String, Map<String, String>> entries = new LinkedHashMap<>();
                all.put(name, entries);
                for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
                    String key = p.currentName();
                    JsonToken e = p.nextToken();
                    if (e != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        continue;
                    }
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                        String field = p.currentName();
                        JsonToken fv = p.nextToken();
                        if (fv.isScalarValue() && fv != JsonToken.VALUE_NULL) {
                            fields.put(field, p.getText());
                        } else {
                            p.skipChildren();
                        }
                    }
                    entries.put(key, fields);
                }
            }
        }
        return all;
    }

    private static void expect(JsonParser p, JsonToken got, JsonToken want) throws IOException {
        if (got != want) {
            throw new IOException("not a cache file: expected " + want + " at " + p.currentLocation() + ", got " + got);
        }
    }

    /** Writes {@code entries} under {@code section}; values are String or Long. */
    static void write(OutputStream out, String section, Map<String, ? extends Map<String, ?>> entries, boolean pretty) throws IOException {
        write(out, Map.of(section, entries), pretty);
    }

    /** Writes each section's entries, sections in the map's order; values are String or Long. */
    static void write(OutputStream out, Map<String, ? extends Map<String, ? extends Map<String, ?>>> sections, boolean pretty) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            g.writeStartObject();
            g.writeNumberField("version", 1);
            for (Map.Entry<String, ? extends Map<String, ? extends Map<String, ?>>> section : sections.entrySet()) {
                g.writeObjectFieldStart(section.getKey());
                for (Map.Entry<String, ? extends Map<String, ?>> e : section.getValue().entrySet()) {
                    g.writeObjectFieldStart(e.getKey());
                    for (Map.Entry<String, ?> f : e.getValue().entrySet()) {
                        if (f.getValue() instanceof Long n) {
                            g.writeNumberField(f.getKey(), n);
                        } else {
                            g.writeStringField(f.getKey(), String.valueOf(f.getValue()));
                        }
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }
}
