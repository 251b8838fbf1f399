package dev.lading.lint.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lading.lint.Finding;
import java.util.List;

/**
 * hadolint's JSON shape (an array of {@code code, column, file, level, line, message}) so tools reading
 * hadolint's output keep working, plus {@code endLine}, {@code endColumn} and {@code docUrl}.
 */
final class JsonReport {
    private JsonReport() {
    }

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static String render(List<Finding> findings) {
        ArrayNode arr = MAPPER.createArrayNode();
        for (Finding f : findings) {
            ObjectNode o = arr.addObject();
            o.put("code", f.displayId());
            o.put("column", f.column());
            o.put("file", f.file());
            o.put("level", f.severity().label());
            o.put("line", f.line());
            o.put("message", f.message());
            o.put("endLine", f.range().end().line());
            o.put("endColumn", f.range().end().column());
            o.put("docUrl", f.docUrl());
            f.ids().forEach(o.putArray("codes")::add);
        }
        return write(arr);
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot happen for a JSON tree", e);
        }
    }
}
