package dev.lading.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lading} command. */
@Command(name = "lading",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Lint, build, inspect, scan, sign and push container images: daemonless and rootless."},
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"lading " + (v == null ? "dev" : v)};
        }
    }
}
