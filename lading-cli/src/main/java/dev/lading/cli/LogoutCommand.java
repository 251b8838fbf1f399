package dev.lading.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "logout",
        description = {"Remove saved credentials for a registry (from the same files login writes)."},
        mixinStandardHelpOptions = true)
final class LogoutCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REGISTRY")
    String registryHost;

    @Mixin
    RegistryFlags registry;

    @Override
    public Integer call() throws Exception {
        if (registry.credentialStore().logout(registryHost)) {
            System.err.println("Removed credentials for " + registryHost);
            return 0;
        }
        System.err.println("No saved credentials for " + registryHost);
        return 0;
    }
}
