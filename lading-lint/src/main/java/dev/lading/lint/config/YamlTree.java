package dev.lading.lint.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration file's first YAML document as plain Java values, read with Jackson's streaming YAML parser:
 * mappings become {@code LinkedHashMap<String, Object>} (a repeated key keeps its first place and its last
 * value), sequences {@code ArrayList}, and scalars {@code String}, {@code Boolean}, {@code Integer},
 * {@code Long}, {@code BigInteger}, {@code Double} or {@code null}, as Jackson's own tree would convert them.
 * It needs no data binding: configuration is read on every lint run, and data binding is hundreds of classes.
 */
final class YamlTree {
    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlTree() {
    }

    /** The document's value; {@code null} for an empty document or a null one ({@code ~}). */
    static Object read(String yaml) throws IOException {
        try (JsonParser p = YAML.createParser(yaml)) {
            JsonToken first = p.nextToken();
            return first == null ? null : value(p, first);
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    m.put(key, value(p, p.nextToken()));
                }
                if (k != JsonToken.END_OBJECT) {
                    throw new IOException("unexpected " + k + " in a mapping");
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                JsonToken i;
                while ((i = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (i == null) {
                        throw new IOException("unterminated list");
                    }
                    l.add(value(p, i));
                }
                return l;
            }
            case VALUE_NULL -> {
                return null;
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            default -> {
                return p.getText();
            }
        }
    }

    /**
     * A value as configuration text, as Jackson's {@code asText()} gives it: a scalar's text ({@code "null"} for
     * null), and nothing for a mapping or a list.
     */
    static String text(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            return "";
        }
        return v.toString();
    }

    /** A yes/no setting: {@code true}, the text "true", or a non-zero whole number; anything else is false. */
    static boolean flag(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return s.trim().equals("true");
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue() != 0;
        }
        if (v instanceof java.math.BigInteger b) {
            return b.signum() != 0;
        }
        return false;
    }
}
