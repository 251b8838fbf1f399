package dev.lading.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lading.build.sandbox.HostIds;
import dev.lading.build.sandbox.Sandboxes;
import dev.lading.oci.Json;
import dev.lading.oci.layout.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "doctor",
        description = {"Show what this host supports for builds: the sandboxes RUN can use (tried, not guessed),",
                "overlay snapshots, user namespaces, subordinate ids, the JDK and the space in LADING_HOME.",
                "Exits 0 when a build with RUN can work here, 3 when it cannot."},
        footer = {"", "Examples:", "  lading doctor", "  lading doctor --format json",
                "  LADING_SANDBOX=bubblewrap lading doctor"},
        mixinStandardHelpOptions = true)
final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.")
    String format;

    @Option(names = "--sandbox", paramLabel = "NAME",
            description = "Check this sandbox as 'lading build' would use it: bubblewrap, unshare, crun or runc (default: $LADING_SANDBOX, else the best that works).")
    String sandbox;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw CliException.usage("--format must be text or json, not '" + format + "'");
        }
        Optional<String> preferred = sandbox != null ? Optional.of(sandbox) : Sandboxes.preference(System.getenv());
        Sandboxes found = Sandboxes.probe();
        Optional<Sandboxes.Probe> chosen;
        try {
            chosen = found.chosen(preferred);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        Path home = Store.defaultHome(System.getenv());
        if (format.equals("json")) {
            printJson(found, chosen, preferred, home, System.out);
        } else {
            printText(found, chosen, preferred, home, System.out);
        }
        return chosen.isPresent() ? 0 : CliException.RUNTIME;
    }

    private static void printText(Sandboxes found, Optional<Sandboxes.Probe> chosen, Optional<String> preferred,
                                  Path home, PrintStream out) {
        HostIds host = found.host();
        out.println("Sandboxes for RUN:");
        for (Sandboxes.Probe p : found.probes()) {
            out.printf("  %-11s %s%n", p.name(), p.available() ? "usable (" + p.version() + ")" : "unusable: " + p.problem());
            if (p.available()) {
                out.printf("  %-11s ids: %s%n", "", p.idMapping());
                out.printf("  %-11s overlay root: %s%n", "", p.overlay() ? "yes" : "no: " + p.overlayProblem());
                if (!p.notes().isEmpty()) {
                    out.printf("  %-11s note: %s%n", "", p.notes());
                }
            }
            if (!p.available() || !p.notes().isEmpty()) {
                out.printf("  %-11s packages: %s%n", "", p.debianPackages());
            }
        }
        Sandboxes.UserNamespaces u = found.userNamespaces();
        out.printf("User namespaces: max_user_namespaces=%s, unprivileged %s%s%n",
                u.maxUserNamespaces() < 0 ? "unknown" : u.maxUserNamespaces(), u.unprivilegedAllowed() ? "allowed" : "not allowed",
                u.detail().isEmpty() ? "" : " (" + u.detail() + ")");
        out.printf("Running as: %s (uid %d, gid %d)%n", host.user(), host.uid(), host.gid());
        out.printf("Subordinate ids: %s%n", subordinate(host));
        out.printf("JDK: %s (%s) at %s%n", Runtime.version(), System.getProperty("java.vendor", "?"),
                System.getProperty("java.home"));
        out.printf("SHA-256 for layers: %s%n", dev.lading.oci.Digest.sha256Implementation());
        out.printf("LADING_HOME: %s (%s)%n", home, freeSpace(home).map(b -> Terminal.bytes(b) + " free").orElse("free space unknown"));
        if (chosen.isPresent()) {
            out.printf("lading build will use: sandbox %s, snapshotter %s%n", chosen.get().name(), snapshotter(chosen.get()));
        } else if (preferred.isPresent()) {
            out.printf("lading build cannot run RUN: the %s sandbox (%s) does not work here%n", preferred.get(), Sandboxes.ENV);
        } else {
            out.println("lading build cannot run RUN: no sandbox works here; install bubblewrap (apt-get install bubblewrap),"
                    + " util-linux and uidmap, or crun or runc, and allow user namespaces");
        }
    }

    private static void printJson(Sandboxes found, Optional<Sandboxes.Probe> chosen, Optional<String> preferred,
                                  Path home, PrintStream out) {
        ObjectNode n = Json.mapper().createObjectNode();
        ArrayNode sandboxes = n.putArray("sandboxes");
        for (Sandboxes.Probe p : found.probes()) {
            ObjectNode s = sandboxes.addObject();
            s.put("name", p.name());
            s.put("available", p.available());
            s.put("version", p.version());
            s.put("problem", p.problem());
            s.put("notes", p.notes());
            s.put("overlay", p.overlay());
            s.put("overlayProblem", p.overlayProblem());
            s.put("idMapping", p.idMode().name().toLowerCase(java.util.Locale.ROOT));
            s.put("idMappingDetail", p.idMapping());
            s.put("debianPackages", p.debianPackages());
        }
        Sandboxes.UserNamespaces u = found.userNamespaces();
        ObjectNode userns = n.putObject("userNamespaces");
        userns.put("maxUserNamespaces", u.maxUserNamespaces());
        userns.put("unprivilegedAllowed", u.unprivilegedAllowed());
        userns.put("detail", u.detail());
        HostIds host = found.host();
        ObjectNode user = n.putObject("user");
        user.put("name", host.user());
        user.put("uid", host.uid());
        user.put("gid", host.gid());
        host.subuid().ifPresent(r -> user.putObject("subuid").put("start", r.start()).put("count", r.count()));
        host.subgid().ifPresent(r -> user.putObject("subgid").put("start", r.start()).put("count", r.count()));
        ObjectNode jdk = n.putObject("jdk");
        jdk.put("version", Runtime.version().toString());
        jdk.put("vendor", System.getProperty("java.vendor"));
        jdk.put("home", System.getProperty("java.home"));
        jdk.put("sha256", dev.lading.oci.Digest.sha256Implementation());
        ObjectNode h = n.putObject("ladingHome");
        h.put("path", home.toString());
        freeSpace(home).ifPresentOrElse(b -> h.put("freeBytes", b), () -> h.putNull("freeBytes"));
        ObjectNode build = n.putObject("build");
        preferred.ifPresent(p -> build.put("preferred", p));
        build.put("runWorks", chosen.isPresent());
        if (chosen.isPresent()) {
            build.put("sandbox", chosen.get().name());
            build.put("snapshotter", snapshotter(chosen.get()));
        } else {
            build.putNull("sandbox");
            build.putNull("snapshotter");
        }
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(n));
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, "cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** The snapshotter the builder pairs with the sandbox: overlay where the sandbox can mount one. */
    private static String snapshotter(Sandboxes.Probe p) {
        return p.overlay() ? "overlay" : "copy-diff";
    }

    private static String subordinate(HostIds host) {
        if (host.root()) {
            return "not needed (running as root)";
        }
        if (host.subuid().isEmpty() || host.subgid().isEmpty()) {
            return "none for " + host.user() + " in /etc/subuid and /etc/subgid (a RUN can use only one id; "
                    + "add e.g. '" + host.user() + ":100000:65536' to both and apt-get install uidmap)";
        }
        HostIds.Range u = host.subuid().get();
        HostIds.Range g = host.subgid().get();
        return "uids " + u.start() + "+" + u.count() + ", gids " + g.start() + "+" + g.count();
    }

    /** Free space on the filesystem that holds (or will hold) {@code dir}. */
    private static Optional<Long> freeSpace(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    return Optional.of(Files.getFileStore(p).getUsableSpace());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
