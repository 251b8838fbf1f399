package dev.lading.lint.rules;

import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Stage;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** BuildKit FromAsCasing: an upper-case FROM wants AS, a lower-case from wants as. */
public final class FromAsCasing implements BuildKitCheck {
    private static final Pattern AS = Pattern.compile("(?i)\\s(as)\\s+\\S+\\s*$");

    @Override
    public String id() {
        return "FromAsCasing";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "The 'as' keyword should match the case of the 'from' keyword";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Stage s : ctx.dockerfile().stages()) {
            From f = s.from();
            Matcher m = AS.matcher(f.original());
            if (f.name().isEmpty() || !m.find()) {
                continue;
            }
            String kw = f.source().keyword();
            String as = m.group(1);
            boolean upper = kw.equals(kw.toUpperCase(Locale.ROOT));
            boolean lower = kw.equals(kw.toLowerCase(Locale.ROOT));
            if ((upper && !as.equals("AS")) || (lower && !as.equals("as"))) {
                findings.report(f, "'" + as + "' and '" + kw + "' keywords' casing do not match: write "
                        + (upper ? "AS" : "as"));
            }
        }
    }
}
