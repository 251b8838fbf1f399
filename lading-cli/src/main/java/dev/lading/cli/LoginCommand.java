package dev.lading.cli;

import dev.lading.registry.CredentialProvider;
import dev.lading.registry.Credentials;
import dev.lading.registry.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "login",
        description = {"Check credentials against a registry and save them where docker, podman and skopeo look.",
                "",
                "Saved to $REGISTRY_AUTH_FILE or $XDG_RUNTIME_DIR/containers/auth.json when set, otherwise",
                "~/.docker/config.json (through its credsStore/credHelpers when configured). Mode 0600."},
        footer = {"", "Examples:",
                "  echo \"$TOKEN\" | lading login ghcr.io -u ci --password-stdin",
                "  lading login 127.0.0.1:5000 -u admin        (asks for the password)"},
        mixinStandardHelpOptions = true)
final class LoginCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REGISTRY", description = "Registry host[:port], e.g. ghcr.io or 127.0.0.1:5000.")
    String registryHost;

    @Option(names = {"-u", "--username"}, required = true, paramLabel = "USER")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
            description = "The password (visible in the process list: prefer --password-stdin).")
    String password;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Option(names = "--no-verify", description = "Save without checking the credentials against the registry.")
    boolean noVerify;

    @Mixin
    RegistryFlags registry;

    @Override
    public Integer call() throws Exception {
        String pw = password;
        if (passwordStdin) {
            if (pw != null) {
                throw CliException.usage("--password and --password-stdin exclude each other");
            }
            pw = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } else if (pw == null) {
            Console console = System.console();
            if (console == null) {
                throw CliException.usage("no password: use --password-stdin (standard input is not a terminal)");
            }
            char[] chars = console.readPassword("Password: ");
            pw = chars == null ? null : new String(chars);
        }
        if (pw == null || pw.isEmpty()) {
            throw CliException.usage("empty password");
        }
        if (!noVerify) {
            try (RegistryClient client = RegistryClient.create(registryHost, CredentialProvider.of(Credentials.basic(username, pw)),
                    registry.options(registryHost))) {
                client.ping();
            }
        }
        Path file = registry.credentialStore().login(registryHost, username, pw);
        System.err.println("Login succeeded: credentials for " + registryHost + " saved in " + file);
        return 0;
    }
}
