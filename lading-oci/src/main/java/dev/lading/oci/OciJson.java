package dev.lading.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the OCI documents every command touches (index, manifest, descriptor, platform, image config)
 * by hand, with jackson-core's streaming parser and generator, instead of jackson-databind's mapping of the
 * annotated records. The result is the same, byte for byte when writing (tests hold it to databind's output):
 * what changes is the cost of the first use. Databind builds its deserializers and serializers by reflection on
 * every record, which a short command paid on every start (about a tenth of a second of a no-op build); the
 * records keep their annotations for the other places that map them with {@link Json}.
 *
 * <p>Reading follows databind's defaults: unknown fields are skipped, the last of duplicate fields wins, a
 * missing or null field is null (0 for a number that cannot be null), scalars are coerced where databind coerces
 * them (a number or boolean where a string is expected, a numeric string where a number is), and anything else
 * is a {@link OciException} naming the document.
 */
public final class OciJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.defaults()).build();

    private OciJson() {
    }

    // ---- reading

    static Index readIndex(byte[] raw) {
        return read(raw, "image index", o -> index(o));
    }

    static Manifest readManifest(byte[] raw) {
        return read(raw, "image manifest", o -> manifest(o));
    }

    static ImageConfig readConfig(byte[] raw) {
        return read(raw, "image config", o -> config(o));
    }

    /**
     * One top-level field of a small JSON object (such as {@code oci-layout}) as plain Java (String, number,
     * Boolean, List, Map or null), without databind; an {@link OciException} when the bytes are not a JSON object.
     */
    public static Object field(byte[] raw, String name) {
        return object(raw).get(name);
    }

    /** A JSON object as plain Java (see {@link #field}), without databind. */
    public static Map<String, Object> object(byte[] raw) {
        return read(raw, "JSON object", o -> o);
    }

    private interface Mapping<T> {
        T map(Map<String, Object> document);
    }

    private static <T> T read(byte[] raw, String what, Mapping<T> mapping) {
        Object document;
        try (JsonParser p = FACTORY.createParser(raw)) {
            if (p.nextToken() == null) {
                throw new OciException("malformed " + what + ": no content");
            }
            document = value(p);
        } catch (IOException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new OciException("malformed " + what + ": " + message, e);
        }
        try {
            return mapping.map(object(document, what));
        } catch (OciException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new OciException("malformed " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * The value at the parser's current token as plain Java: LinkedHashMap, ArrayList, String, Integer/Long/
     * BigInteger, Double, Boolean or null, as databind gives an untyped value.
     */
    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new OciException("unexpected JSON token " + t);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object v, String what) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("expected a JSON object for " + what + ", got " + kind(v));
    }

    private static String kind(Object v) {
        return v == null ? "null" : v instanceof List ? "an array" : v instanceof Map ? "an object"
                : v instanceof String ? "a string" : v instanceof Boolean ? "a boolean" : "a number";
    }

    private static Map<String, Object> objectOrNull(Map<String, Object> o, String field) {
        Object v = o.get(field);
        return v == null ? null : object(v, "'" + field + "'");
    }

    private static String string(Map<String, Object> o, String field) {
        return string(o.get(field), field);
    }

    private static String string(Object v, String field) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw new IllegalArgumentException("expected a string for '" + field + "', got " + kind(v));
    }

    private static long number(Map<String, Object> o, String field) {
        Long v = numberOrNull(o, field);
        return v == null ? 0 : v;
    }

    private static Long numberOrNull(Map<String, Object> o, String field) {
        Object v = o.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            if (n instanceof java.math.BigInteger b && b.bitLength() > 63) {
                throw new IllegalArgumentException("'" + field + "' is out of range: " + b);
            }
            return n.longValue();
        }
        if (v instanceof String s) {
            String trimmed = s.trim();
            if (trimmed.isEmpty()) {
                return null;
            }
            try {
                return Long.parseLong(trimmed);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number for '" + field + "', got \"" + s + "\"");
            }
        }
        throw new IllegalArgumentException("expected a number for '" + field + "', got " + kind(v));
    }

    private static Integer intOrNull(Map<String, Object> o, String field) {
        Long v = numberOrNull(o, field);
        if (v == null) {
            return null;
        }
        if (v != v.intValue()) {
            throw new IllegalArgumentException("'" + field + "' is out of range: " + v);
        }
        return v.intValue();
    }

    private static Boolean bool(Map<String, Object> o, String field) {
        Object v = o.get(field);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof String s) {
            String t = s.trim();
            if (t.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (t.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            if (t.isEmpty()) {
                return null;
            }
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue() != 0;
        }
        throw new IllegalArgumentException("expected a boolean for '" + field + "', got " + kind(v));
    }

    private static List<String> strings(Map<String, Object> o, String field) {
        Object v = o.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("expected an array for '" + field + "', got " + kind(v));
        }
        List<String> out = new ArrayList<>(l.size());
        for (Object e : l) {
            out.add(string(e, field));
        }
        return out;
    }

    private static Map<String, String> stringMap(Map<String, Object> o, String field) {
        Map<String, Object> m = objectOrNull(o, field);
        if (m == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, string(v, field)));
        return out;
    }

    private static Digest digest(Object v, String field) {
        String s = string(v, field);
        return s == null ? null : Digest.parse(s);
    }

    private static Descriptor descriptor(Map<String, Object> o) {
        if (o == null) {
            return null;
        }
        Map<String, Object> platform = objectOrNull(o, "platform");
        return new Descriptor(string(o, "mediaType"), digest(o.get("digest"), "digest"), number(o, "size"),
                strings(o, "urls"), stringMap(o, "annotations"), string(o, "data"),
                platform == null ? null : platform(platform), string(o, "artifactType"));
    }

    private static List<Descriptor> descriptors(Map<String, Object> o, String field) {
        Object v = o.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("expected an array for '" + field + "', got " + kind(v));
        }
        List<Descriptor> out = new ArrayList<>(l.size());
        for (Object e : l) {
            out.add(e == null ? null : descriptor(object(e, "an entry of '" + field + "'")));
        }
        return out;
    }

    private static Platform platform(Map<String, Object> o) {
        return new Platform(string(o, "architecture"), string(o, "os"), string(o, "os.version"),
                strings(o, "os.features"), string(o, "variant"), strings(o, "features"));
    }

    private static Index index(Map<String, Object> o) {
        return new Index((int) number(o, "schemaVersion"), string(o, "mediaType"), string(o, "artifactType"),
                descriptors(o, "manifests"), descriptor(objectOrNull(o, "subject")), stringMap(o, "annotations"));
    }

    private static Manifest manifest(Map<String, Object> o) {
        return new Manifest((int) number(o, "schemaVersion"), string(o, "mediaType"), string(o, "artifactType"),
                descriptor(objectOrNull(o, "config")), descriptors(o, "layers"), descriptor(objectOrNull(o, "subject")),
                stringMap(o, "annotations"));
    }

    private static ImageConfig config(Map<String, Object> o) {
        Map<String, Object> c = objectOrNull(o, "config");
        Map<String, Object> r = objectOrNull(o, "rootfs");
        Object h = o.get("history");
        List<ImageConfig.History> history = null;
        if (h != null) {
            if (!(h instanceof List<?> l)) {
                throw new IllegalArgumentException("expected an array for 'history', got " + kind(h));
            }
            history = new ArrayList<>(l.size());
            for (Object e : l) {
                Map<String, Object> x = e == null ? null : object(e, "an entry of 'history'");
                history.add(x == null ? null : new ImageConfig.History(string(x, "created"), string(x, "created_by"),
                        string(x, "author"), string(x, "comment"), bool(x, "empty_layer")));
            }
        }
        return new ImageConfig(string(o, "created"), string(o, "author"), string(o, "architecture"), string(o, "os"),
                string(o, "os.version"), strings(o, "os.features"), string(o, "variant"),
                c == null ? null : runConfig(c), r == null ? null : rootFs(r), history);
    }

    private static ImageConfig.RootFs rootFs(Map<String, Object> o) {
        Object v = o.get("diff_ids");
        List<Digest> ids = null;
        if (v != null) {
            if (!(v instanceof List<?> l)) {
                throw new IllegalArgumentException("expected an array for 'diff_ids', got " + kind(v));
            }
            ids = new ArrayList<>(l.size());
            for (Object e : l) {
                ids.add(digest(e, "diff_ids"));
            }
        }
        return new ImageConfig.RootFs(string(o, "type"), ids);
    }

    private static ImageConfig.Config runConfig(Map<String, Object> o) {
        Map<String, Object> hc = objectOrNull(o, "Healthcheck");
        return new ImageConfig.Config(string(o, "User"), objectOrNull(o, "ExposedPorts"), strings(o, "Env"),
                strings(o, "Entrypoint"), strings(o, "Cmd"), objectOrNull(o, "Volumes"), string(o, "WorkingDir"),
                stringMap(o, "Labels"), string(o, "StopSignal"), bool(o, "ArgsEscaped"),
                hc == null ? null : new ImageConfig.Healthcheck(strings(hc, "Test"), numberOrNull(hc, "Interval"),
                        numberOrNull(hc, "Timeout"), numberOrNull(hc, "StartPeriod"), numberOrNull(hc, "StartInterval"),
                        intOrNull(hc, "Retries")),
                strings(o, "OnBuild"), strings(o, "Shell"));
    }

    // ---- writing: the fields databind writes, in its order; NON_EMPTY leaves out null, "" and empty arrays/maps

    static byte[] write(Index i) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", i.schemaVersion());
            str(g, "mediaType", i.mediaType());
            str(g, "artifactType", i.artifactType());
            if (!i.manifests().isEmpty()) {
                g.writeArrayFieldStart("manifests");
                for (Descriptor d : i.manifests()) {
                    descriptor(g, d);
                }
                g.writeEndArray();
            }
            descriptorField(g, "subject", i.subject());
            stringMap(g, "annotations", i.annotations());
            g.writeEndObject();
        });
    }

    static byte[] write(Manifest m) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", m.schemaVersion());
            str(g, "mediaType", m.mediaType());
            str(g, "artifactType", m.artifactType());
            descriptorField(g, "config", m.config());
            if (!m.layers().isEmpty()) {
                g.writeArrayFieldStart("layers");
                for (Descriptor d : m.layers()) {
                    descriptor(g, d);
                }
                g.writeEndArray();
            }
            descriptorField(g, "subject", m.subject());
            stringMap(g, "annotations", m.annotations());
            g.writeEndObject();
        });
    }

    static byte[] write(ImageConfig c) {
        return write(g -> {
            g.writeStartObject();
            str(g, "created", c.created());
            str(g, "author", c.author());
            str(g, "architecture", c.architecture());
            str(g, "os", c.os());
            str(g, "os.version", c.osVersion());
            strings(g, "os.features", c.osFeatures());
            str(g, "variant", c.variant());
            runConfig(g, c.config());
            if (c.rootfs() != null) {
                // RootFs is written whole, even when empty: it carries no NON_EMPTY rule of its own
                g.writeObjectFieldStart("rootfs");
                if (c.rootfs().type() == null) {
                    g.writeNullField("type");
                } else {
                    g.writeStringField("type", c.rootfs().type());
                }
                g.writeArrayFieldStart("diff_ids");
                for (Digest d : c.rootfs().diffIds()) {
                    g.writeString(d == null ? null : d.toString());
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            if (!c.history().isEmpty()) {
                g.writeArrayFieldStart("history");
                for (ImageConfig.History h : c.history()) {
                    if (h == null) {
                        g.writeNull();
                        continue;
                    }
                    g.writeStartObject();
                    str(g, "created", h.created());
                    str(g, "created_by", h.createdBy());
                    str(g, "author", h.author());
                    str(g, "comment", h.comment());
                    if (h.emptyLayer() != null) {
                        g.writeBooleanField("empty_layer", h.emptyLayer());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    private interface Writing {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writing.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void str(JsonGenerator g, String field, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeStringField(field, value);
        }
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        if (values != null && !values.isEmpty()) {
            g.writeArrayFieldStart(field);
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

    private static void stringMap(JsonGenerator g, String field, Map<String, String> values) throws IOException {
        if (values != null && !values.isEmpty()) {
            g.writeObjectFieldStart(field);
            for (Map.Entry<String, String> e : values.entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeString(e.getValue());
            }
            g.writeEndObject();
        }
    }

    private static void descriptorField(JsonGenerator g, String field, Descriptor d) throws IOException {
        if (d != null) {
            g.writeFieldName(field);
            descriptor(g, d);
        }
    }

    private static void descriptor(JsonGenerator g, Descriptor d) throws IOException {
        if (d == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        str(g, "mediaType", d.mediaType());
        g.writeStringField("digest", d.digest().toString());
        g.writeNumberField("size", d.size());
        strings(g, "urls", d.urls());
        stringMap(g, "annotations", d.annotations());
        str(g, "data", d.data());
        if (d.platform() != null) {
            Platform p = d.platform();
            g.writeObjectFieldStart("platform");
            str(g, "architecture", p.architecture());
            str(g, "os", p.os());
            str(g, "os.version", p.osVersion());
            strings(g, "os.features", p.osFeatures());
            str(g, "variant", p.variant());
            strings(g, "features", p.features());
            g.writeEndObject();
        }
        str(g, "artifactType", d.artifactType());
        g.writeEndObject();
    }

    private static void runConfig(JsonGenerator g, ImageConfig.Config c) throws IOException {
        if (c == null) {
            return;
        }
        // a Config with nothing in it is still an object, and databind writes it: {}
        g.writeObjectFieldStart("config");
        str(g, "User", c.user());
        untypedMap(g, "ExposedPorts", c.exposedPorts());
        strings(g, "Env", c.env());
        strings(g, "Entrypoint", c.entrypoint());
        strings(g, "Cmd", c.cmd());
        untypedMap(g, "Volumes", c.volumes());
        str(g, "WorkingDir", c.workingDir());
        stringMap(g, "Labels", c.labels());
        str(g, "StopSignal", c.stopSignal());
        if (c.argsEscaped() != null) {
            g.writeBooleanField("ArgsEscaped", c.argsEscaped());
        }
        ImageConfig.Healthcheck h = c.healthcheck();
        if (h != null) {
            g.writeObjectFieldStart("Healthcheck");
            strings(g, "Test", h.test());
            if (h.interval() != null) {
                g.writeNumberField("Interval", h.interval());
            }
            if (h.timeout() != null) {
                g.writeNumberField("Timeout", h.timeout());
            }
            if (h.startPeriod() != null) {
                g.writeNumberField("StartPeriod", h.startPeriod());
            }
            if (h.startInterval() != null) {
                g.writeNumberField("StartInterval", h.startInterval());
            }
            if (h.retries() != null) {
                g.writeNumberField("Retries", h.retries());
            }
            g.writeEndObject();
        }
        strings(g, "OnBuild", c.onBuild());
        strings(g, "Shell", c.shell());
        g.writeEndObject();
    }

    private static void untypedMap(JsonGenerator g, String field, Map<String, Object> values) throws IOException {
        if (values != null && !values.isEmpty()) {
            g.writeFieldName(field);
            untyped(g, values);
        }
    }

    /** A value read untyped (ExposedPorts, Volumes): maps, lists and scalars as databind writes them. */
    private static void untyped(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                untyped(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object e : c) {
                untyped(g, e);
            }
            g.writeEndArray();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof java.math.BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else {
            // nothing lading puts in these maps; databind would write a bean here
            throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " in an image config");
        }
    }
}
