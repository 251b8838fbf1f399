package dev.lading.lint.rules;

import dev.lading.dockerfile.Run;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.SimpleCommand;
import dev.lading.lint.shell.Word;
import java.util.List;
import java.util.regex.Pattern;

/**
 * LD018: a RUN's command line is stored in the image history. A password in a URL, an
 * {@code Authorization} header or a {@code --password}/{@code --token} option there is published with
 * the image. Values read from a secret mount ({@code $(cat /run/secrets/…)}) are fine: the command
 * line then holds only the path.
 */
public final class Ld018SecretsInRun implements Rule {
    private static final Pattern URL_CREDENTIALS = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@");
    private static final Pattern AUTH_HEADER = Pattern.compile("(?i)^(authorization|private-token|x-api-key)\\s*:.*");
    private static final List<String> SECRET_OPTIONS = List.of("--password", "--token", "--api-key", "--apikey",
            "--secret", "--auth-token", "--access-token", "--client-secret");

    @Override
    public String id() {
        return "LD018";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "Build secrets only through RUN --mount=type=secret: no token, password or URL credentials on a RUN line";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Run r : RunCommands.runs(ctx)) {
            String problem = problem(ctx, r);
            if (problem != null) {
                findings.report(r, problem + ": the RUN line is kept in the image history; read it from "
                        + "RUN --mount=type=secret,id=… (e.g. $(cat /run/secrets/…)) instead");
            }
        }
    }

    private static String problem(LintContext ctx, Run r) {
        for (SimpleCommand c : ctx.script(r).commands()) {
            List<Word> args = c.args();
            for (int i = 0; i < args.size(); i++) {
                Word w = args.get(i);
                String v = w.value();
                if (readsSecretMount(v)) {
                    continue;
                }
                // the cheap tests first: this runs for every argument of every command
                if (v.contains("://") && URL_CREDENTIALS.matcher(v).find()) {
                    return "credentials in a URL";
                }
                if (i > 0 && isHeaderOption(args.get(i - 1).value()) && AUTH_HEADER.matcher(v).matches()) {
                    return "an authorization header";
                }
                if (!v.startsWith("--")) {
                    continue;
                }
                for (String opt : SECRET_OPTIONS) {
                    if (v.length() > opt.length() && v.charAt(opt.length()) == '=' && v.startsWith(opt)
                            && !readsSecretMount(v)) {
                        return "a secret passed with " + opt;
                    }
                    if (v.equals(opt) && i + 1 < args.size() && !readsSecretMount(args.get(i + 1).value())) {
                        return "a secret passed with " + opt;
                    }
                }
            }
        }
        return null;
    }

    private static boolean isHeaderOption(String v) {
        return v.equals("-H") || v.equals("--header");
    }

    private static boolean readsSecretMount(String v) {
        return v.contains("/run/secrets/") || v.contains("$(cat ") && v.contains("secret");
    }
}
