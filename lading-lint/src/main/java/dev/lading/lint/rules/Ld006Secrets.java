package dev.lading.lint.rules;

import dev.lading.dockerfile.Add;
import dev.lading.dockerfile.Arg;
import dev.lading.dockerfile.ArgDeclaration;
import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Env;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.KeyValue;
import dev.lading.dockerfile.Label;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * LD006: ENV, ARG and LABEL values are stored in the image configuration and history, where anyone who
 * can pull the image reads them; a COPYed credentials file is in a layer forever. Secrets belong in
 * {@code RUN --mount=type=secret}.
 *
 * <p>Names are matched as BuildKit's SecretsUsedInArgOrEnv does: a word such as KEY, TOKEN, PASSWORD,
 * SECRET between underscores. Names that point at a secret rather than hold one ({@code *_FILE},
 * {@code *_PATH}, {@code *_DIR}) and names marked PUBLIC are not reported.
 */
public final class Ld006Secrets implements Rule {
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(?:_|^)(?:apikey|api_key|auth|credential|credentials|key|password|passwd|pass|pwd|secret|token|private_key)(?:_|$)");
    private static final Pattern REFERENCE_NAME = Pattern.compile("(?i).*(_FILE|_PATH|_DIR|_URL|_ID|_NAME)$|(?i).*(^|_)PUBLIC(_|$).*");
    private static final Pattern SECRET_FILE = Pattern.compile(
            "(?i)(\\.env(\\..*)?|.*\\.pem|.*\\.key|\\.npmrc|\\.pypirc|\\.netrc|\\.git-credentials|id_rsa|id_dsa|id_ecdsa|id_ed25519"
                    + "|credentials(\\.json)?|\\.dockercfg|\\.htpasswd|.*\\.p12|.*\\.pfx|.*\\.keystore|.*\\.jks)");

    @Override
    public String id() {
        return "LD006";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "No secrets in ENV, ARG, LABEL or COPYed files";
    }

    static boolean secretName(String name) {
        return mayNameASecret(name) && SECRET_NAME.matcher(name).find() && !REFERENCE_NAME.matcher(name).matches();
    }

    /**
     * False when {@code name} holds none of the words of a secret's name, so that neither this rule's pattern nor
     * BuildKit's can match: every ENV, ARG and LABEL key is asked, and most are not secrets. (Both patterns are
     * case-insensitive for ASCII only, which lower-casing keeps.)
     */
    static boolean mayNameASecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("key") || n.contains("auth") || n.contains("pass") || n.contains("pwd") || n.contains("pword")
                || n.contains("secret") || n.contains("token") || n.contains("credential");
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Instruction i : ctx.dockerfile().instructions()) {
            if (i instanceof Env e) {
                names(e.pairs(), "ENV", e, findings);
            } else if (i instanceof Label l) {
                names(l.pairs(), "LABEL", l, findings);
            } else if (i instanceof Arg a) {
                for (ArgDeclaration d : a.declarations()) {
                    if (secretName(d.name())) {
                        findings.report(a, "ARG " + d.name() + " looks like a secret: build args are recorded in the "
                                + "image history; pass it with RUN --mount=type=secret,id=" + d.name().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        for (LintContext.StageView sv : ctx.stages()) {
            for (ResolvedInstruction ri : sv.instructions()) {
                if (!ctx.known(ri)) {
                    continue;
                }
                Instruction r = ri.resolved();
                List<String> sources = r instanceof Copy c && c.from().isEmpty() ? c.sources()
                        : r instanceof Add a ? a.sources() : List.of();
                for (String src : sources) {
                    String base = Paths.stripTrailingSlashes(src);
                    base = base.substring(base.lastIndexOf('/') + 1);
                    if (SECRET_FILE.matcher(base).matches() && !base.equals(".env.example") && !base.equals(".env.sample")) {
                        findings.report(ri.original(), "'" + src + "' looks like a credentials file and would stay in a layer: "
                                + "mount it for the one RUN that needs it (RUN --mount=type=secret) and list it in .dockerignore");
                    }
                }
            }
        }
    }

    private static void names(List<KeyValue> pairs, String kind, Instruction at, FindingSink findings) {
        for (KeyValue kv : pairs) {
            String key = kv.key().replace("\"", "");
            if (secretName(key) && !kv.value().isEmpty()) {
                findings.report(at, kind + " " + key + " looks like a secret: it is readable in the image configuration; "
                        + "use RUN --mount=type=secret (or a *_FILE variable pointing at a mounted secret)");
            }
        }
    }
}
