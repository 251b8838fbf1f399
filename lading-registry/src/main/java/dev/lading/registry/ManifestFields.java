package dev.lading.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;

/**
 * The few top-level fields of a manifest the client looks at before it is parsed as a model: whether it is a JSON
 * object, its {@code schemaVersion}, {@code mediaType}, whether it has {@code manifests} (an index), and the
 * digest of its {@code subject}. Read with Jackson's streaming parser: every pull and push reads them, and a
 * data-binding mapper's set-up costs a command ~20 ms of its start for these five values.
 *
 * @param object        the document is a JSON object
 * @param schemaVersion the integer {@code schemaVersion}, 0 when absent or not an integer
 * @param mediaType     the string {@code mediaType}, null when absent or not a string
 * @param hasManifests  there is a {@code manifests} field
 * @param subjectDigest the string {@code subject.digest}, null when absent
 */
record ManifestFields(boolean object, int schemaVersion, String mediaType, boolean hasManifests, String subjectDigest) {

    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.defaults()).build();

    /**
     * Reads {@code raw}: an IOException when the document is not well-formed JSON. As lenient as the tree read
     * it replaces: what follows the document is not looked at, and scalar values are taken as their text.
     */
    static ManifestFields read(byte[] raw) throws IOException {
        try (JsonParser p = JSON.createParser(raw)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return new ManifestFields(false, 0, null, false, null);
            }
            int schemaVersion = 0;
            String mediaType = null;
            boolean hasManifests = false;
            String subject = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "schemaVersion" -> schemaVersion = intOf(p, value);
                    case "mediaType" -> mediaType = value.isScalarValue() && value != JsonToken.VALUE_NULL ? p.getText() : skip(p);
                    case "manifests" -> {
                        hasManifests = true;
                        p.skipChildren();
                    }
                    case "subject" -> subject = value == JsonToken.START_OBJECT ? digestOf(p) : skip(p);
                    default -> p.skipChildren();
                }
            }
            return new ManifestFields(true, schemaVersion, mediaType, hasManifests, subject);
        }
    }

    /** The string {@code digest} of the object the parser is at the start of; the parser ends on its END_OBJECT. */
    private static String digestOf(JsonParser p) throws IOException {
        String digest = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("digest") && value == JsonToken.VALUE_STRING) {
                digest = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return digest;
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    /** A number (a fraction cut) or a string of digits as an int; 0 for anything else, as a tree's asInt(0). */
    private static int intOf(JsonParser p, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getValueAsInt(0);
            case VALUE_STRING -> {
                try {
                    yield Integer.parseInt(p.getText().trim());
                } catch (NumberFormatException e) {
                    yield 0;
                }
            }
            default -> {
                p.skipChildren();
                yield 0;
            }
        };
    }
}
