package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.Word;
import java.util.List;

/**
 * hadolint DL3046: {@code useradd} with a large UID and without {@code -l} writes a huge sparse
 * /var/log/lastlog and faillog, which bloats the layer.
 */
public final class Dl3046UseraddLogInit implements Rule {
    private static final java.util.regex.Pattern UID_FLAG = java.util.regex.Pattern.compile("-u[0-9]+");
    private static final java.util.regex.Pattern LONG_UID = java.util.regex.Pattern.compile("[0-9]{6,}");

    @Override
    public String id() {
        return "DL3046";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "`useradd` without flag `-l` and high UID will result in excessively large Image";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.commands(ctx, "useradd")) {
            if (at.command().hasFlag("-l", "--no-log-init")) {
                continue;
            }
            List<Word> args = at.command().args();
            for (int i = 0; i < args.size(); i++) {
                Word w = args.get(i);
                String uid = null;
                if ((w.value().equals("-u") || w.value().equals("--uid")) && i + 1 < args.size() && args.get(i + 1).resolved()) {
                    uid = args.get(i + 1).value();
                } else if (w.resolved() && w.value().startsWith("--uid=")) {
                    uid = w.value().substring(6);
                } else if (w.resolved() && UID_FLAG.matcher(w.value()).matches()) {
                    uid = w.value().substring(2);
                }
                if (uid != null && LONG_UID.matcher(uid).matches()) {
                    findings.report(ctx.rangeOf(at.run(), at.command()), "useradd with UID " + uid + " and without -l writes a huge sparse lastlog: "
                            + "add -l (--no-log-init)");
                    break;
                }
            }
        }
    }
}
