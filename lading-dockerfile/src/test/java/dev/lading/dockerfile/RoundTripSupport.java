package dev.lading.dockerfile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lading.dockerfile.json.DockerfileJson;

/** Compares Dockerfiles by their JSON form without positions (what the printer promises to keep). */
final class RoundTripSupport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RoundTripSupport() {
    }

    /**
     * The layout-independent content: instructions, flags, arguments, heredocs, attached comments and
     * directives. The file-wide comment list and warnings are dropped, since comments inside a
     * continuation and empty continuation lines are layout the printer normalises away.
     */
    static String content(Dockerfile d) {
        try {
            ObjectNode tree = (ObjectNode) MAPPER.readTree(DockerfileJson.toJson(d, false));
            tree.remove("comments");
            tree.remove("warnings");
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
