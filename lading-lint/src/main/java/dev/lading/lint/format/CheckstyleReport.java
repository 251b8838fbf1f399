package dev.lading.lint.format;

import dev.lading.lint.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checkstyle XML, which Jenkins, GitLab and reviewdog read: one {@code <file>} per file. */
final class CheckstyleReport {
    private CheckstyleReport() {
    }

    static String render(List<Finding> findings) {
        Map<String, StringBuilder> byFile = new LinkedHashMap<>();
        for (Finding f : findings) {
            String sev = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO, STYLE -> "info";
            };
            byFile.computeIfAbsent(f.file(), k -> new StringBuilder())
                    .append("    <error line=\"").append(f.line()).append("\" column=\"").append(f.column())
                    .append("\" severity=\"").append(sev).append("\" message=\"").append(xml(f.message()))
                    .append("\" source=\"").append(xml(f.displayId())).append("\"/>\n");
        }
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
        byFile.forEach((file, body) -> sb.append("  <file name=\"").append(xml(file)).append("\">\n").append(body).append("  </file>\n"));
        return sb.append("</checkstyle>\n").toString();
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    // XML 1.0 forbids most control characters even as references
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
