package dev.lading.scan.secrets;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.lading.scan.secrets.Fakes.alnum;
import static dev.lading.scan.secrets.Fakes.random;
import static dev.lading.scan.secrets.Fakes.scanFile;
import static org.assertj.core.api.Assertions.assertThat;

/** One case that must fire and one near miss that must not, per built-in rule. */
class SecretRulesTest {

    private static List<String> rules(String path, String text) throws Exception {
        return scanFile(path, text).findings().stream().map(SecretFinding::ruleId).toList();
    }

    private static void fires(String rule, String path, String text) throws Exception {
        assertThat(rules(path, text)).as(rule + " in " + path).contains(rule);
    }

    private static void silent(String rule, String path, String text) throws Exception {
        assertThat(rules(path, text)).as(rule + " in " + path).doesNotContain(rule);
    }

    private static String keyBody(long seed) {
        return "MIIEow" + random(Fakes.BASE64, 58, seed);
    }

    @Test
    void privateKey() throws Exception {
        fires("private-key", "/etc/ssl/private/server.key",
                "-----BEGIN RSA PRIVATE KEY-----\n" + keyBody(1) + "\n" + keyBody(2) + "\n-----END RSA PRIVATE KEY-----\n");
        fires("private-key", "/home/app/.ssh/id_ed25519",
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA" + random(Fakes.BASE64, 40, 3) + "\n-----END OPENSSH PRIVATE KEY-----\n");
        fires("private-key", "/keys/enc.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\n" + keyBody(4) + "\n");
        silent("private-key", "/etc/ssl/certs/ca.pem", "-----BEGIN PUBLIC KEY-----\n" + keyBody(5) + "\n-----END PUBLIC KEY-----\n");
        silent("private-key", "/usr/share/doc/README", "A key file starts with -----BEGIN PRIVATE KEY-----\nand then comes the body.\n");
    }

    @Test
    void awsAccessKeyId() throws Exception {
        fires("aws-access-key-id", "/app/settings.ini", "key_id = AKIA" + random(Fakes.UPPER_B32, 16, 6) + "\n");
        fires("aws-access-key-id", "/app/settings.ini", "sts=ASIA" + random(Fakes.UPPER_B32, 16, 7) + "\n");
        // AWS's documented example, and one character short
        silent("aws-access-key-id", "/usr/share/doc/aws.md", "AKIAIOSFODNN7EXAMPLE\n");
        silent("aws-access-key-id", "/app/settings.ini", "AKIA" + random(Fakes.UPPER_B32, 15, 8) + "\n");
    }

    @Test
    void awsSecretAccessKey() throws Exception {
        fires("aws-secret-access-key", "/root/.aws/credentials", "[default]\naws_secret_access_key = " + random(Fakes.BASE64, 40, 9) + "\n");
        silent("aws-secret-access-key", "/root/.aws/credentials", "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}\n");
    }

    @Test
    void gcpServiceAccount() throws Exception {
        String key = "\"private_key\": \"-----BEGIN PRIVATE KEY-----\\n" + keyBody(10) + "\\n-----END PRIVATE KEY-----\\n\",";
        fires("gcp-service-account", "/app/sa.json", "{\n  \"type\": \"service_account\",\n  \"project_id\": \"p\",\n  " + key + "\n}\n");
        // the key is still reported as a private key, but not as a service account's
        List<String> other = rules("/app/user.json", "{\n  \"type\": \"authorized_user\",\n  " + key + "\n}\n");
        assertThat(other).doesNotContain("gcp-service-account").contains("private-key");
    }

    @Test
    void gcpKeyIsReportedOnceEvenWhenTheTypeComesAfterIt() throws Exception {
        String text = "{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\n" + keyBody(11) + "\\n\",\n\"type\": \"service_account\"}\n";
        assertThat(rules("/app/sa.json", text)).containsExactly("gcp-service-account");
    }

    @Test
    void azureStorageKey() throws Exception {
        fires("azure-storage-key", "/app/appsettings.json", "\"Storage\": \"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey="
                + random(Fakes.BASE64, 86, 12) + "==;EndpointSuffix=core.windows.net\"\n");
        silent("azure-storage-key", "/app/appsettings.json", "AccountKey=" + random(Fakes.BASE64, 40, 13) + "==\n");
    }

    @Test
    void githubTokens() throws Exception {
        for (String prefix : List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_")) {
            fires("github-token", "/app/.git-credentials", "token=" + prefix + alnum(36, prefix.hashCode()) + "\n");
        }
        silent("github-token", "/app/x.sh", "ghp_" + alnum(20, 14) + "\n");
        silent("github-token", "/app/x.sh", "ghp_" + "x".repeat(36) + "\n");
        fires("github-fine-grained-token", "/app/x.sh", "GH=github_pat_" + alnum(22, 15) + "_" + alnum(59, 16) + "\n");
        silent("github-fine-grained-token", "/app/x.sh", "github_pat_" + alnum(30, 17) + "\n");
    }

    @Test
    void gitlabToken() throws Exception {
        fires("gitlab-token", "/app/ci.sh", "curl -H 'PRIVATE-TOKEN: glpat-" + alnum(20, 18) + "'\n");
        silent("gitlab-token", "/app/ci.sh", "glpat-" + alnum(10, 19) + "\n");
    }

    @Test
    void slack() throws Exception {
        fires("slack-token", "/app/bot.py", "SLACK = 'xoxb-" + random("0123456789", 12, 20) + "-" + alnum(24, 21) + "'\n");
        silent("slack-token", "/app/bot.py", "prefix xoxb-12\n");
        fires("slack-webhook", "/app/hook.sh", "curl https://hooks.slack.com/services/T" + random(Fakes.UPPER_B32, 8, 22) + "/B"
                + random(Fakes.UPPER_B32, 8, 23) + "/" + alnum(24, 24) + "\n");
        silent("slack-webhook", "/app/hook.sh", "curl https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX\n");
    }

    @Test
    void stripe() throws Exception {
        fires("stripe-key", "/app/pay.js", "const stripe = require('stripe')('sk_live_" + alnum(24, 25) + "');\n");
        fires("stripe-key", "/app/pay.js", "key: rk_live_" + alnum(24, 26) + "\n");
        silent("stripe-key", "/app/pay.js", "const stripe = require('stripe')('sk_test_" + alnum(24, 27) + "');\n");
    }

    @Test
    void npmToken() throws Exception {
        fires("npm-token", "/app/publish.sh", "NPM=npm_" + alnum(36, 28) + "\n");
        silent("npm-token", "/app/publish.sh", "npm_" + alnum(10, 29) + "\n");
    }

    @Test
    void pypiToken() throws Exception {
        fires("pypi-token", "/app/upload.sh", "twine upload -p pypi-AgEIcHlwaS5vcmc" + random(Fakes.ALNUM + "-_", 60, 30) + "\n");
        silent("pypi-token", "/app/upload.sh", "pypi-AgEIcHlwaS5vcmc" + alnum(10, 31) + "\n");
    }

    @Test
    void jwt() throws Exception {
        String header = Fakes.base64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = Fakes.base64url("{\"sub\":\"" + alnum(8, 32) + "\",\"iat\":1700000000}");
        fires("jwt", "/app/client.js", "const auth = 'Bearer " + header + "." + payload + "." + random(Fakes.ALNUM + "-_", 43, 33) + "';\n");
        String noAlg = Fakes.base64url("{\"foo\":\"bar\",\"baz\":1}");
        silent("jwt", "/app/client.js", "x = '" + noAlg + "." + payload + "." + alnum(43, 34) + "'\n");
    }

    @Test
    void basicAuthUrl() throws Exception {
        fires("basic-auth-url", "/app/sync.sh", "git clone https://deploy:" + alnum(16, 35) + "@git.internal.corp/repo.git\n");
        silent("basic-auth-url", "/app/sync.sh", "git clone https://deploy:${GIT_PASSWORD}@git.internal.corp/repo.git\n");
        silent("basic-auth-url", "/app/sync.sh", "postgres://user:password@localhost:5432/db\n");
        silent("basic-auth-url", "/app/sync.sh", "curl http://localhost:8080/health\n");
    }

    @Test
    void dockerConfigAuth() throws Exception {
        String auth = java.util.Base64.getEncoder().encodeToString(("robot:" + alnum(20, 36)).getBytes());
        fires("docker-config-auth", "/root/.docker/config.json", "{\n  \"auths\": {\n    \"registry.corp\": {\n      \"auth\": \"" + auth
                + "\"\n    }\n  }\n}\n");
        silent("docker-config-auth", "/app/config.json", "{\"auth\": \"" + auth + "\"}\n");
        String noColon = java.util.Base64.getEncoder().encodeToString(alnum(20, 37).getBytes());
        silent("docker-config-auth", "/root/.docker/config.json", "{\"auths\": {\"r\": {\"auth\": \"" + noColon + "\"}}}\n");
    }

    @Test
    void npmrc() throws Exception {
        fires("npmrc-auth", "/home/node/.npmrc", "registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=" + alnum(12, 38) + "\n");
        fires("npmrc-auth", "/root/.npmrc", "_auth=" + alnum(12, 39) + "\n");
        silent("npmrc-auth", "/home/node/.npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n");
    }

    @Test
    void pypirc() throws Exception {
        fires("pypirc-password", "/root/.pypirc", "[pypi]\nusername = uploader\npassword = " + alnum(12, 40) + "\n");
        silent("pypirc-password", "/root/.pypirc", "[pypi]\nusername = uploader\npassword = <your password>\n");
        silent("pypirc-password", "/root/.pypirc", "[pypi]\npassword =\n");
    }

    @Test
    void netrc() throws Exception {
        fires("netrc-password", "/root/.netrc", "machine git.corp\n  login ci\n  password " + alnum(14, 44) + "\n");
        fires("netrc-password", "/home/app/_netrc", "machine git.corp login ci password " + alnum(14, 45) + "\n");
        silent("netrc-password", "/root/.netrc", "machine git.corp login ci password $GIT_PASSWORD\n");
    }

    @Test
    void pgpass() throws Exception {
        fires("pgpass-password", "/root/.pgpass", "db.corp:5432:app:app_user:" + alnum(14, 46) + "\n");
        silent("pgpass-password", "/root/.pgpass", "# hostname:port:database:username:password\n*:*:*:app:<password>\n");
    }

    @Test
    void dotenv() throws Exception {
        fires("dotenv-secret", "/app/.env", "PORT=8080\nDB_PASSWORD=hunter22\n");
        fires("dotenv-secret", "/app/.env.production", "export STRIPE_SECRET=\"abc123def\"\n");
        silent("dotenv-secret", "/app/.env", "PORT=8080\nDB_PASSWORD=\nDB_PASSWORD_FILE=/run/secrets/db\nAPI_TOKEN=${API_TOKEN}\n");
    }

    @Test
    void genericHighEntropyAssignment() throws Exception {
        fires("generic-secret", "/app/config.yaml", "service:\n  api_key: " + alnum(32, 41) + "\n");
        fires("generic-secret", "/app/settings.py", "CLIENT_SECRET = \"" + alnum(24, 42) + "\"\n");
        silent("generic-secret", "/app/config.yaml", "password: ${DB_PASSWORD}\ntoken: abcabcabcabcabc\napi_key: short\n");
        silent("generic-secret", "/app/config.rb", "secret_key = settings.secret_key_base\n");
        silent("generic-secret", "/app/config.yaml", "password: <changeme>\n");
    }

    /** Found in Python's standard library and npm's own modules before code files were told apart. */
    @Test
    void genericAssignmentsInCodeCountOnlyStringLiterals() throws Exception {
        fires("generic-secret", "/app/client.js", "const apiKey = '" + alnum(32, 47) + "';\n");
        fires("generic-secret", "/app/main.go", "authToken := \"" + alnum(32, 48) + "\"\n");
        silent("generic-secret", "/usr/lib/python3/nntplib.py", "                token = token[len(h):] if token else None\n");
        silent("generic-secret", "/usr/lib/python3/process.py", "        self._config = {'authkey': AuthenticationString(os.urandom(32)),\n");
        silent("generic-secret", "/app/auth.js", "      creds.password = authSplit.join(':')\n");
        silent("generic-secret", "/app/parser.js", "    this.token = this.tokens[this.position + 1]\n");
        // outside code an unquoted value is a value
        fires("generic-secret", "/etc/app/app.conf", "auth_token = " + alnum(32, 49) + "\n");
    }

    /** The scan of a line starts shortly before its first keyword: matches far along a long line are still found. */
    @Test
    void secretsFarAlongALongLineAreFound() throws Exception {
        String filler = "var a=1;".repeat(2000);
        fires("basic-auth-url", "/app/bundle.min.js", filler + "fetch('https://ci:" + alnum(16, 50) + "@git.corp/x');" + filler + "\n");
        fires("github-token", "/app/bundle.min.js", filler + "t='ghp_" + alnum(36, 51) + "';\n");
        fires("generic-secret", "/app/bundle.min.js", filler + "const clientSecret=\"" + alnum(32, 52) + "\";\n");
    }

    @Test
    void lineNumbersCountFromOne() throws Exception {
        SecretReport r = scanFile("/app/deploy.sh", "#!/bin/sh\n\necho start\nexport GH=ghp_" + alnum(36, 43) + "\n");
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(4);
            assertThat(f.location()).isEqualTo("/app/deploy.sh");
            assertThat(f.redacted()).isEqualTo("ghp_****");
        });
    }
}
