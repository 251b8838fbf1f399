package dev.lading.lint.format;

import dev.lading.lint.Finding;
import java.util.List;

/** {@code FILE:LINE:COL RULE severity: message (see URL)}, one finding a line, like a compiler. */
final class TextReport {
    private TextReport() {
    }

    static String render(List<Finding> findings, boolean color) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            String sev = f.severity().label();
            if (color) {
                String code = switch (f.severity()) {
                    case ERROR -> "31";
                    case WARNING -> "33";
                    case INFO -> "36";
                    case STYLE -> "35";
                };
                sev = "\u001b[1;" + code + "m" + sev + "\u001b[0m";
            }
            sb.append(f.file()).append(':').append(f.line()).append(':').append(f.column()).append(' ')
                    .append(f.displayId()).append(' ').append(sev).append(": ").append(f.message())
                    .append(" (see ").append(f.docUrl()).append(")\n");
        }
        return sb.toString();
    }
}
