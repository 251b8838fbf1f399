package dev.lading.scan.secrets;

import dev.lading.scan.secrets.SecretRule.Check;
import dev.lading.scan.secrets.SecretRule.Severity;
import dev.lading.scan.secrets.SecretRule.Source;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules lading ships. Order matters: when two rules match the same value on the same line, the earlier
 * (more specific) one is reported, so the generic assignment rule comes last.
 */
public final class SecretRules {
    private SecretRules() {
    }

    private static final Set<Source> EVERYWHERE = EnumSet.allOf(Source.class);
    private static final Set<Source> FILES = EnumSet.of(Source.FILE);
    private static final Set<Source> CONFIG = EnumSet.of(Source.ENV, Source.LABEL, Source.HISTORY);

    /**
     * The part of a name that says its value is a secret (FOO_TOKEN, db.password, api-key, CLIENT_SECRET), from
     * the telling word to the end of the name. The match starts at the word, not the name, so that the regex
     * engine rejects most positions at their first character; the suffix is what tells a reference
     * ({@code _FILE}) from a value, and it is bounded so a huge identifier cannot make it backtrack far.
     */
    private static final String SECRET_NAME = "(?=[TtSsPpAaCc])(?i:token|secret|passw(?:or)?d|pwd|api[_.-]?key|access[_.-]?key"
            + "|private[_.-]?key|auth[_.-]?key|credentials?)[A-Za-z0-9_.-]{0,64}";

    /** The pre-filter for {@link #SECRET_NAME}: its words, the two-part ones in every spelling (a bare "key" is everywhere). */
    private static final List<String> NAME_WORDS = List.of("token", "secret", "passw", "pwd", "credential",
            "apikey", "api_key", "api-key", "api.key", "accesskey", "access_key", "access-key", "access.key",
            "privatekey", "private_key", "private-key", "private.key", "authkey", "auth_key", "auth-key", "auth.key");

    /** Source files, where a secret is a string literal: an unquoted right-hand side there is code. */
    private static final String CODE_FILES = "\\.(?:py|pyi|js|mjs|cjs|jsx|ts|tsx|java|kt|kts|scala|groovy|go|rb|php|c|h|cc|cpp|hpp|cs|rs"
            + "|swift|m|pl|pm|lua|r|dart|ex|exs|erl|clj|vue|svelte)$";

    private static final List<SecretRule> BUILT_IN = List.of(
            // before private-key: the key's body is the same value, and this says more about it
            rule("gcp-service-account", "GCP service account key", Severity.CRITICAL, List.of("private_key"),
                    "\"private_key\"\\s*:\\s*\"-----BEGIN[A-Z ]*PRIVATE KEY-----(?:\\\\n)+(?<secret>[A-Za-z0-9+/=]{20,})",
                    Check.NONE, EVERYWHERE, null, "\"type\"\\s*:\\s*\"service_account\""),
            rule("private-key", "Private key", Severity.CRITICAL, List.of("private key"),
                    "-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----", Check.PRIVATE_KEY_BODY, EVERYWHERE, null, null),
            rule("aws-access-key-id", "AWS access key ID", Severity.HIGH, List.of("akia", "asia", "abia", "acca"),
                    "(?<![A-Z0-9])(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Z0-9])", Check.NOT_PLACEHOLDER, EVERYWHERE, null, null),
            rule("aws-secret-access-key", "AWS secret access key", Severity.CRITICAL, List.of("secret_access_key", "secretaccesskey",
                            "secret-access-key", "secret.access.key"),
                    "(?i)aws[_.-]?secret[_.-]?access[_.-]?key[\"']?\\s*[:=]\\s*[\"']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
                    Check.NOT_PLACEHOLDER, EVERYWHERE, null, null),
            rule("azure-storage-key", "Azure storage account key", Severity.CRITICAL, List.of("accountkey"),
                    "(?i)AccountKey\\s*=\\s*(?<secret>[A-Za-z0-9+/]{86}==)", Check.NONE, EVERYWHERE, null, null),
            rule("github-token", "GitHub token", Severity.CRITICAL, List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
                    "(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36,251})(?![A-Za-z0-9_])", Check.NOT_PLACEHOLDER, EVERYWHERE, null, null),
            rule("github-fine-grained-token", "GitHub fine-grained personal access token", Severity.CRITICAL, List.of("github_pat_"),
                    "(?<![A-Za-z0-9_])(?<secret>github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])", Check.NOT_PLACEHOLDER, EVERYWHERE, null, null),
            rule("gitlab-token", "GitLab personal access token", Severity.CRITICAL, List.of("glpat-"),
                    "(?<![A-Za-z0-9_-])(?<secret>glpat-[A-Za-z0-9_-]{20,})", Check.NOT_PLACEHOLDER, EVERYWHERE, null, null),
            rule("slack-token", "Slack token", Severity.HIGH, List.of("xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"),
                    "(?<![A-Za-z0-9])(?<secret>xox[baprs]-[A-Za-z0-9-]{10,})", Check.NOT_PLACEHOLDER, EVERYWHERE, null, null),
            rule("slack-webhook", "Slack incoming webhook", Severity.HIGH, List.of("hooks.slack.com"),
                    "https://hooks\\.slack\\.com/services/(?<secret>T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]{20,})",
                    Check.NOT_PLACEHOLDER, EVERYWHERE, null, null),
            rule("stripe-key", "Stripe live secret or restricted key", Severity.CRITICAL, List.of("sk_live_", "rk_live_"),
                    "(?<![A-Za-z0-9_])(?<secret>[sr]k_live_[A-Za-z0-9]{20,})", Check.NOT_PLACEHOLDER, EVERYWHERE, null, null),
            rule("npm-token", "npm access token", Severity.HIGH, List.of("npm_"),
                    "(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])", Check.NOT_PLACEHOLDER, EVERYWHERE, null, null),
            rule("pypi-token", "PyPI upload token", Severity.HIGH, List.of("pypi-ageichlwas5vcmc"),
                    "(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})", Check.NONE, EVERYWHERE, null, null),
            rule("jwt", "JSON Web Token", Severity.MEDIUM, List.of("eyj"),
                    "(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,})", Check.JWT_HEADER,
                    EVERYWHERE, null, null),
            rule("basic-auth-url", "Password in a URL", Severity.HIGH, List.of("://"),
                    "(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}://(?<user>[^\\s:/@\"'<>]+):(?<secret>[^\\s/@\"'<>]+)@[A-Za-z0-9.-]+",
                    Check.URL_PASSWORD, EVERYWHERE, null, null),
            rule("docker-config-auth", "Registry credentials in a Docker config.json", Severity.CRITICAL, List.of("\"auth\""),
                    "\"auth\"\\s*:\\s*\"(?<secret>[A-Za-z0-9+/]{8,}={0,2})\"", Check.DOCKER_AUTH, FILES, "(^|/)config\\.json$",
                    "\"auths\""),
            rule("npmrc-auth", "npm registry credentials in .npmrc", Severity.HIGH, List.of("_auth", "_password"),
                    "(?:^|[:\\s])(?:_authToken|_auth|_password)\\s*=\\s*[\"']?(?<secret>[^\\s\"']+)", Check.NOT_PLACEHOLDER, FILES,
                    "(^|/)\\.npmrc$", null),
            rule("pypirc-password", "Package index password in .pypirc", Severity.HIGH, List.of("password"),
                    "^\\s*password\\s*[=:]\\s*(?<secret>\\S(?:.*\\S)?)\\s*$", Check.NOT_PLACEHOLDER, FILES, "(^|/)\\.pypirc$", null),
            rule("netrc-password", "Password in a .netrc", Severity.HIGH, List.of("password"),
                    "(?:^|\\s)password\\s+(?<secret>\\S+)", Check.NOT_PLACEHOLDER, FILES, "(^|/)[._]netrc$", null),
            rule("pgpass-password", "Password in a PostgreSQL .pgpass", Severity.HIGH, List.of(":"),
                    "^(?!\\s*#)[^:]*:[^:]*:[^:]*:[^:]*:(?<secret>.+)$", Check.NOT_PLACEHOLDER, FILES, "(^|/)\\.pgpass$", null),
            rule("dotenv-secret", "Secret in a .env file", Severity.HIGH, NAME_WORDS,
                    "^\\s*(?:export\\s+)?[A-Za-z0-9_.-]{0,64}?(?<name>" + SECRET_NAME + ")\\s*=\\s*[\"']?(?<secret>[^\\s\"'#]+)", Check.NAMED_VALUE, FILES,
                    "(^|/)\\.env(\\.[^/]*)?$", null),
            rule("config-secret", "Secret in the image config (ENV, LABEL, ARG or RUN in history)", Severity.HIGH,
                    NAME_WORDS,
                    "(?<name>" + SECRET_NAME + ")\\s*=\\s*[\"']?(?<secret>[^\\s\"';&|]+)", Check.NAMED_VALUE, CONFIG,
                    null, null),
            rule("generic-secret", "High-entropy value assigned to a secret-looking name", Severity.MEDIUM, NAME_WORDS,
                    "(?<name>" + SECRET_NAME + ")[\"']?\\s*[:=]\\s*[\"'`]?(?<secret>[^\\s\"'`,;]{8,})", Check.ENTROPY,
                    EVERYWHERE, "^(?!.*" + CODE_FILES + ")", null),
            // in code only a string literal is a value; anything else is an expression
            rule("generic-secret", "High-entropy string assigned to a secret-looking name", Severity.MEDIUM, NAME_WORDS,
                    "(?<name>" + SECRET_NAME + ")[\"']?\\s*(?::|=|:=|=>)\\s*(?<q>[\"'`])(?<secret>[^\\s\"'`,;]{8,})\\k<q>", Check.ENTROPY,
                    FILES, CODE_FILES, null));

    /** Every built-in rule, in reporting priority order. */
    public static List<SecretRule> builtIn() {
        return BUILT_IN;
    }

    private static SecretRule rule(String id, String title, Severity severity, List<String> keywords, String pattern, Check check,
                                   Set<Source> sources, String paths, String requires) {
        return new SecretRule(id, title, severity, keywords, Pattern.compile(pattern), check, sources,
                paths == null ? null : Pattern.compile(paths), requires == null ? null : Pattern.compile(requires));
    }
}
