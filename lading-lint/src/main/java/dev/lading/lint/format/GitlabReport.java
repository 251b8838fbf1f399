package dev.lading.lint.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lading.lint.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * GitLab's code quality report (a subset of Code Climate's format): description, check_name, a stable
 * fingerprint, severity ({@code info, minor, major, critical, blocker}) and location.
 */
final class GitlabReport {
    private GitlabReport() {
    }

    static String render(List<Finding> findings) {
        ArrayNode arr = JsonTrees.MAPPER.createArrayNode();
        for (Finding f : findings) {
            ObjectNode o = arr.addObject();
            o.put("description", f.displayId() + ": " + f.message());
            o.put("check_name", f.displayId());
            o.put("fingerprint", fingerprint(f));
            o.put("severity", switch (f.severity()) {
                case ERROR -> "critical";
                case WARNING -> "major";
                case INFO -> "minor";
                case STYLE -> "info";
            });
            ObjectNode loc = o.putObject("location");
            loc.put("path", f.file());
            loc.putObject("lines").put("begin", f.line());
        }
        return JsonTrees.write(arr);
    }

    /** Same finding, same fingerprint: GitLab compares them between pipelines. */
    static String fingerprint(Finding f) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((f.file() + "\0" + f.displayId() + "\0" + f.line() + "\0" + f.column() + "\0" + f.message())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
