package dev.lading.lint.format;

import dev.lading.lint.Finding;
import dev.lading.lint.RuleInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The report formats of {@code lading lint --format}. */
public enum ReportFormat {
    TEXT, JSON, SARIF, CHECKSTYLE, GITLAB;

    /**
     * Renders findings. {@code rules} are the rules that ran (SARIF lists them as the tool's rules);
     * {@code color} adds ANSI colours to text output, for terminals only.
     */
    public String render(List<Finding> findings, List<? extends RuleInfo> rules, boolean color) {
        return switch (this) {
            case TEXT -> TextReport.render(findings, color);
            case JSON -> JsonReport.render(findings);
            case SARIF -> SarifReport.render(findings, rules);
            case CHECKSTYLE -> CheckstyleReport.render(findings);
            case GITLAB -> GitlabReport.render(findings);
        };
    }

    public static Optional<ReportFormat> parse(String s) {
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(s.trim())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
