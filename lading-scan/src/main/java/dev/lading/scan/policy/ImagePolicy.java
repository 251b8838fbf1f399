package dev.lading.scan.policy;

import dev.lading.oci.ImageConfig;
import dev.lading.oci.Manifest;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.oci.layer.EntryType;
import dev.lading.scan.FileSelector;
import dev.lading.scan.ImageFiles;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The IM rules of STANDARDS.md that the image alone can answer: IM001 (non-root numeric user), IM002 (no shell
 * or package manager), IM003 (no compilers, headers or {@code .git}), IM005 (HEALTHCHECK, exec-form
 * entrypoint), IM006 (OCI labels, base image recorded) and IM008 (size and layer budget). IM004 (secrets) is
 * {@code SecretScanner}'s and IM007 (vulnerabilities) the matcher's.
 *
 * <p>What exists is the final filesystem ({@link ImageFiles}, whiteouts applied): a shell a later layer
 * deletes is not in the container. Only metadata is needed, so the walk that feeds the catalogers serves here
 * too. One result per rule, in id order; a disabled rule is SKIP.
 */
public final class ImagePolicy {

    public static final List<String> RULES = List.of("IM001", "IM002", "IM003", "IM005", "IM006", "IM008");

    private static final Set<String> BIN_DIRS = Set.of("/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin");
    private static final Pattern SHELL = Pattern.compile("sh|bash|ash|dash|zsh|ksh|mksh|csh|tcsh|fish|busybox");
    private static final Pattern PACKAGE_MANAGER = Pattern.compile(
            "apt|apt-get|aptitude|dpkg|rpm|yum|dnf|microdnf|tdnf|apk|zypper|pacman|pip[0-9.]*|easy_install");
    private static final Pattern COMPILER = Pattern.compile(
            "(?:[a-z0-9_]+-linux-gnu[a-z]*-)?(?:gcc|g\\+\\+|cc|c\\+\\+|cpp|clang|clang\\+\\+)(?:-[0-9.]+)?|javac|rustc|go|gccgo|tcc");
    private static final Pattern HEADER = Pattern.compile("^/usr/(?:local/)?include/.*\\.(?:h|hh|hpp|hxx)$");
    private static final Set<String> SHELLS_FOR_C = Set.of("/bin/sh", "sh", "/bin/bash", "bash", "/usr/bin/sh", "/usr/bin/bash",
            "/bin/ash", "/bin/dash", "/busybox/sh");

    private final PolicyConfig config;
    private final List<Glob> allowedTools;
    private final List<Glob> allowedDevPaths;

    public ImagePolicy(PolicyConfig config) {
        for (String id : config.disabledRules()) {
            if (!RULES.contains(id)) {
                throw new IllegalArgumentException("unknown image policy rule '" + id + "' (known: " + RULES + ")");
            }
        }
        this.config = config;
        this.allowedTools = config.allowedTools().stream().map(Glob::of).toList();
        this.allowedDevPaths = config.allowedDevPaths().stream().map(Glob::of).toList();
    }

    /** Reads the layers of {@code image} once (metadata only) and evaluates. */
    public static List<PolicyResult> check(ContentReader reader, ResolvedImage image, PolicyConfig config) throws IOException {
        ImageFiles files = ImageFiles.read(reader, image.manifest().layers(), FileSelector.none(), ImageFiles.Limits.DEFAULT, w -> {
        });
        return new ImagePolicy(config).evaluate(image.config(), image.manifest(), files, null);
    }

    /**
     * Every rule over the image. {@code wastedBytes} (from the efficiency analysis; may be null) is reported
     * with IM008, which the standard asks to show wasted space beside the budget.
     */
    public List<PolicyResult> evaluate(ImageConfig image, Manifest manifest, ImageFiles files, Long wastedBytes) {
        List<PolicyResult> out = new ArrayList<>();
        for (String id : RULES) {
            if (config.disabledRules().contains(id)) {
                out.add(PolicyResult.skip(id, "disabled in the policy config"));
                continue;
            }
            out.add(switch (id) {
                case "IM001" -> user(image.config());
                case "IM002" -> tools(files);
                case "IM003" -> devFiles(files);
                case "IM005" -> healthAndEntrypoint(image.config());
                case "IM006" -> labels(image.config(), manifest);
                case "IM008" -> budget(manifest, wastedBytes);
                default -> throw new IllegalStateException(id);
            });
        }
        return out;
    }

    static PolicyResult user(ImageConfig.Config run) {
        String user = run.user() == null ? "" : run.user().strip();
        if (user.isEmpty()) {
            return PolicyResult.fail("IM001", "no USER: the container runs as root", List.of());
        }
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        if (name.equals("0") || name.equals("root")) {
            return PolicyResult.fail("IM001", "the container runs as root (User \"" + user + "\")", List.of());
        }
        if (!name.chars().allMatch(Character::isDigit) || name.isEmpty()) {
            // a name cannot be checked by runAsNonRoot and may map to uid 0 in some passwd
            return PolicyResult.warn("IM001", "User \"" + user + "\" is not numeric: use a UID (and GID) such as 65532:65532", List.of());
        }
        return PolicyResult.pass("IM001", "runs as UID " + name, List.of());
    }

    private PolicyResult tools(ImageFiles files) {
        List<String> shells = new ArrayList<>();
        List<String> managers = new ArrayList<>();
        files.all().filter(f -> f.type() != EntryType.DIRECTORY).forEach(f -> {
            String dir = parent(f.path());
            String name = name(f.path());
            boolean inBin = BIN_DIRS.contains(dir);
            if (Glob.anyMatches(allowedTools, f.path())) {
                return;
            }
            if (inBin && SHELL.matcher(name).matches() || name.equals("busybox")) {
                shells.add(f.path());
            } else if (inBin && PACKAGE_MANAGER.matcher(name).matches()) {
                managers.add(f.path());
            }
        });
        if (shells.isEmpty() && managers.isEmpty()) {
            return PolicyResult.pass("IM002", "no shell and no package manager", List.of());
        }
        List<String> details = new ArrayList<>();
        shells.forEach(p -> details.add("shell: " + p));
        managers.forEach(p -> details.add("package manager: " + p));
        return PolicyResult.fail("IM002", count(shells.size(), "shell") + " and " + count(managers.size(), "package manager")
                + " in the image (use a distroless or scratch final stage, or allow them in the policy config)", details);
    }

    private PolicyResult devFiles(ImageFiles files) {
        List<String> compilers = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        TreeSet<String> gitDirs = new TreeSet<>();
        files.all().forEach(f -> {
            String path = f.path();
            if (Glob.anyMatches(allowedDevPaths, path)) {
                return;
            }
            int git = path.indexOf("/.git/");
            if (path.endsWith("/.git") || git >= 0) {
                gitDirs.add(git >= 0 ? path.substring(0, git + 5) : path);
            } else if (f.type() != EntryType.DIRECTORY && name(parent(path)).matches("s?bin") && COMPILER.matcher(name(path)).matches()) {
                compilers.add(path);
            } else if (f.type() != EntryType.DIRECTORY && HEADER.matcher(path).matches()) {
                headers.add(path);
            }
        });
        if (compilers.isEmpty() && headers.isEmpty() && gitDirs.isEmpty()) {
            return PolicyResult.pass("IM003", "no compilers, headers or .git", List.of());
        }
        List<String> details = new ArrayList<>();
        compilers.forEach(p -> details.add("compiler: " + p));
        if (!headers.isEmpty()) {
            details.add(headers.size() + " header files, e.g. " + String.join(", ", headers.subList(0, Math.min(3, headers.size()))));
        }
        gitDirs.forEach(p -> details.add("git repository: " + p));
        return PolicyResult.fail("IM003", "build-time files in the final image: " + count(compilers.size(), "compiler") + ", "
                + count(headers.size(), "header") + ", " + count(gitDirs.size(), ".git directory", ".git directories")
                + " (build in an earlier stage and copy only the output)", details);
    }

    private PolicyResult healthAndEntrypoint(ImageConfig.Config run) {
        PolicyResult.Status status = PolicyResult.Status.PASS;
        List<String> details = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        ImageConfig.Healthcheck hc = run.healthcheck();
        boolean hasHealthcheck = hc != null && hc.test() != null && !hc.test().isEmpty() && !hc.test().get(0).equals("NONE");
        if (hasHealthcheck) {
            details.add("HEALTHCHECK: " + String.join(" ", hc.test()));
        } else if (config.healthcheckOptional()) {
            details.add("HEALTHCHECK: none (optional for this image)");
        } else {
            status = PolicyResult.Status.FAIL;
            details.add("HEALTHCHECK: none");
            failures.add("no HEALTHCHECK");
        }
        List<String> entry = run.entrypoint() != null && !run.entrypoint().isEmpty() ? run.entrypoint() : run.cmd();
        String what = run.entrypoint() != null && !run.entrypoint().isEmpty() ? "ENTRYPOINT" : "CMD";
        if (entry == null || entry.isEmpty()) {
            status = status.worst(PolicyResult.Status.WARN);
            details.add("ENTRYPOINT: none and no CMD (the container has nothing to run)");
        } else if (entry.size() >= 2 && SHELLS_FOR_C.contains(entry.get(0)) && entry.get(1).equals("-c")) {
            // the config keeps exec arrays; shell form is stored as [sh, -c, "..."] and makes the shell PID 1
            status = PolicyResult.Status.FAIL;
            details.add(what + ": shell form " + entry + " (signals go to the shell, not the program: use the exec form)");
            failures.add(what + " in shell form");
        } else {
            details.add(what + ": exec form " + entry);
        }
        String message = switch (status) {
            case PASS -> "HEALTHCHECK present; " + what + " in exec form";
            case WARN -> "nothing to run";
            default -> String.join("; ", failures);
        };
        return new PolicyResult("IM005", status, message, details);
    }

    private PolicyResult labels(ImageConfig.Config run, Manifest manifest) {
        Map<String, String> labels = run.labels() == null ? Map.of() : run.labels();
        Map<String, String> annotations = manifest.annotations() == null ? Map.of() : manifest.annotations();
        List<String> details = new ArrayList<>();
        List<String> missing = config.requiredLabels().stream().filter(l -> blank(labels.get(l))).sorted().toList();
        missing.forEach(l -> details.add("missing label: " + l));
        List<String> base = new ArrayList<>();
        for (String key : List.of("org.opencontainers.image.base.name", "org.opencontainers.image.base.digest")) {
            if (blank(labels.get(key)) && blank(annotations.get(key))) {
                base.add(key);
                details.add("base image not recorded: " + key + " (neither a label nor a manifest annotation)");
            }
        }
        if (missing.isEmpty() && base.isEmpty()) {
            return PolicyResult.pass("IM006", "OCI labels present; base image recorded", List.of());
        }
        if (!missing.isEmpty()) {
            return PolicyResult.fail("IM006", count(missing.size(), "required label") + " missing", details);
        }
        // an image FROM scratch has no base to record: worth a look, not a failure
        return PolicyResult.warn("IM006", "base image name or digest not recorded", details);
    }

    private PolicyResult budget(Manifest manifest, Long wastedBytes) {
        long size = manifest.totalLayerSize();
        int layers = manifest.layers().size();
        List<String> details = new ArrayList<>();
        details.add("compressed size: " + size + " bytes" + (config.maxSizeBytes() == null ? "" : " (budget " + config.maxSizeBytes() + ")"));
        details.add("layers: " + layers + (config.maxLayers() == null ? "" : " (budget " + config.maxLayers() + ")"));
        if (wastedBytes != null) {
            details.add("wasted: " + wastedBytes + " bytes in files overwritten or deleted by later layers");
        }
        if (config.maxSizeBytes() == null && config.maxLayers() == null) {
            return new PolicyResult("IM008", PolicyResult.Status.SKIP, "no size or layer budget configured", details);
        }
        List<String> over = new ArrayList<>();
        if (config.maxSizeBytes() != null && size > config.maxSizeBytes()) {
            over.add("size " + size + " > " + config.maxSizeBytes() + " bytes");
        }
        if (config.maxLayers() != null && layers > config.maxLayers()) {
            over.add(layers + " layers > " + config.maxLayers());
        }
        if (!over.isEmpty()) {
            return PolicyResult.fail("IM008", "over budget: " + String.join(", ", over), details);
        }
        return PolicyResult.pass("IM008", "within the size and layer budget", details);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String count(int n, String what) {
        return count(n, what, what + "s");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
