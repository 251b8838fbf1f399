package dev.lading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lading.oci.Digest;
import dev.lading.oci.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The differential suite: each Dockerfile under {@code differential/} is built by lading and by buildah
 * ({@code buildah bud --isolation chroot}) from the same context and base image; both images are unpacked by
 * umoci and must have the same file trees (path, type, mode, owner, size, content digest, link target, hardlink
 * groups) and the same runtime config.
 */
@Tag("integration")
class BuildahDifferentialTest {

    @TempDir
    static Path tmp;
    static Path base;
    static Path secret;

    /** Busybox applets the base image links; enough for the suite's RUN lines. */
    private static final List<String> APPLETS = List.of("sh", "ls", "echo", "cat", "mkdir", "touch", "rm", "id", "chown",
            "chmod", "ln", "wc", "true", "false", "test", "[");

    @BeforeAll
    static void baseImage() throws Exception {
        Tools.require("buildah", "buildah");
        Tools.require("umoci", "umoci");
        Path rootfs = Files.createDirectories(tmp.resolve("base-rootfs/bin"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("busybox"));
        for (String applet : APPLETS) {
            Files.createSymbolicLink(rootfs.resolve(applet), Path.of("busybox"));
        }
        Path root = rootfs.getParent();
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\napp:x:1000:\nstaff:x:50:app\n");
        Files.createDirectories(root.resolve("root"));
        Path home = Files.createDirectories(root.resolve("home/app"));
        if ("root".equals(System.getProperty("user.name"))) {
            Files.setAttribute(home, "unix:uid", 1000);
            Files.setAttribute(home, "unix:gid", 1000);
        }
        Path t = Files.createDirectories(root.resolve("tmp"));
        Tools.ok(null, "chmod", "1777", t.toString()); // Java cannot set the sticky bit
        base = tmp.resolve("base");
        Cli.Result r = Cli.runProcess(Map.of("LADING_HOME", tmp.resolve("home").toString()),
                "import", "--preserve-owners", "-t", "oci:" + base + ":base", root.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        secret = tmp.resolve("token.txt");
        Files.writeString(secret, "s3cr3t-value");
    }

    /**
     * Runs buildah bud; once more if buildah's own runtime hit its known transient failure sealing the memfd
     * copy of itself ("Close_Fd sealing memfd copy: Device or resource busy"), which is not about the build.
     */
    private static void buildahBud(Path dir, String[] command) throws Exception {
        Tools.Result r = Tools.run(dir, command);
        if (r.exitCode() != 0 && r.output().contains("sealing memfd")) {
            r = Tools.run(dir, command);
        }
        assertThat(r.exitCode()).as(String.join(" ", command) + "\n" + r.output()).isZero();
    }

    /** buildah with storage of its own under the test's temp dir: nothing is left in the machine's image store. */
    private static String[] buildah(String... args) {
        List<String> cmd = new ArrayList<>(List.of("buildah", "--root", tmp.resolve("buildah-root").toString(),
                "--runroot", tmp.resolve("buildah-runroot").toString()));
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }

    @AfterAll
    static void removeBuildahStorage() throws Exception {
        // Unmounts buildah's overlay layers so the temp dir can be deleted.
        Tools.run(null, buildah("rmi", "--all", "--force"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run-basics", "whiteouts", "mounts", "multistage", "metadata", "hardlinks"})
    void ladingAndBuildahBuildTheSameImage(String name) throws Exception {
        Path context = copyContext(name);
        String baseRef = "oci:" + base + ":base";

        Path ladingOut = tmp.resolve("lading-" + name);
        Cli.Result r = Cli.runProcess(Map.of("LADING_HOME", tmp.resolve("home").toString()),
                "build", "--build-arg", "BASE=" + baseRef, "--secret", "id=token,src=" + secret,
                "-o", "type=oci,dest=" + ladingOut, "-t", "diff:" + name, context.toString());
        assertThat(r.exitCode()).as("lading build " + name + "\n" + r.all()).isZero();

        String image = "lading-diff-" + name;
        // Docker format: buildah drops HEALTHCHECK from OCI-format configs; its docker config has every field.
        buildahBud(context, buildah("bud", "--format", "docker", "--isolation", "chroot", "--layers", "--build-arg", "BASE=" + baseRef,
                "--secret", "id=token,src=" + secret, "-t", image, context.toString()));
        Path buildahOut = tmp.resolve("buildah-" + name);
        Tools.ok(null, buildah("push", image, "oci:" + buildahOut + ":" + name));

        Map<String, String> ours = tree(unpack(ladingOut, name, "lading"));
        Map<String, String> theirs = withoutMountStubs(tree(unpack(buildahOut, name, "buildah")), ours);
        assertThat(ours).as("file tree of " + name + " (lading vs buildah)").isEqualTo(theirs);

        JsonNode buildahConfig = new ObjectMapper().readTree(Tools.ok(null, buildah("inspect", "--type", "image", image)))
                .path("Docker").path("config");
        assertThat(runtimeConfig(ladingConfig(ladingOut, name))).as("config of " + name).isEqualTo(runtimeConfig(buildahConfig));
    }

    /**
     * Empty mount points that buildah's chroot isolation leaves in the layers it commits (BuildKit leaves none,
     * and neither does lading): dropped from buildah's tree when lading's has no such path.
     */
    private static final List<String> BUILDAH_MOUNT_STUBS = List.of("run/secrets", "dev", "proc", "sys", "run", "etc/hostname",
            "etc/hosts", "etc/resolv.conf");

    private static Map<String, String> withoutMountStubs(Map<String, String> theirs, Map<String, String> ours) {
        Map<String, String> out = new TreeMap<>(theirs);
        for (String stub : BUILDAH_MOUNT_STUBS) {
            String v = out.get(stub);
            boolean empty = v != null && (v.startsWith("d ") ? out.keySet().stream().noneMatch(p -> p.startsWith(stub + "/"))
                    : v.startsWith("f ") && v.split(" ")[3].equals("0"));
            if (empty && !ours.containsKey(stub)) {
                out.remove(stub);
            }
        }
        return out;
    }

    private static Path copyContext(String name) throws Exception {
        Path source = Path.of(BuildahDifferentialTest.class.getResource("/differential/" + name).toURI());
        Path target = tmp.resolve("ctx-" + name);
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (!p.equals(source.resolve("LINKS"))) {
                    Files.copy(p, dest);
                }
            }
        }
        // Hardlinks, which git cannot store: "LINK TARGET" lines, relative to the context.
        Path links = source.resolve("LINKS");
        if (Files.exists(links)) {
            for (String line : Files.readAllLines(links)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2 && !line.startsWith("#")) {
                    Files.createDirectories(target.resolve(f[0]).getParent());
                    Files.createLink(target.resolve(f[0]), target.resolve(f[1]));
                }
            }
        }
        return target;
    }

    private static Path unpack(Path layout, String tag, String who) throws Exception {
        Path bundle = tmp.resolve("bundle-" + who + "-" + tag);
        List<String> cmd = new ArrayList<>(List.of("umoci", "unpack"));
        if (!"root".equals(System.getProperty("user.name"))) {
            cmd.add("--rootless");
        }
        cmd.addAll(List.of("--image", layout + ":" + tag, bundle.toString()));
        Tools.ok(null, cmd.toArray(String[]::new));
        return bundle.resolve("rootfs");
    }

    /** path → "type mode uid:gid size digest target links" for every entry of the tree. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<Object, Set<String>> inodes = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        Map<String, Object> keys = new TreeMap<>();
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                record(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                record(file);
                return FileVisitResult.CONTINUE;
            }

            private void record(Path p) throws IOException {
                String rel = root.relativize(p).toString();
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,ino,nlink", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                String type = Files.isSymbolicLink(p) ? "l" : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "d"
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? "f" : "o";
                StringBuilder s = new StringBuilder(type).append(' ').append(Integer.toOctalString(mode & 07777))
                        .append(' ').append(a.get("uid")).append(':').append(a.get("gid"));
                if (type.equals("f")) {
                    s.append(' ').append(a.get("size"));
                    try (InputStream in = Files.newInputStream(p)) {
                        s.append(' ').append(Digest.sha256(in.readAllBytes()).shortHex());
                    }
                    if ((Integer) a.get("nlink") > 1) {
                        Object ino = a.get("ino");
                        inodes.computeIfAbsent(ino, k -> new TreeSet<>()).add(rel);
                        keys.put(rel, ino);
                    }
                } else if (type.equals("l")) {
                    s.append(" -> ").append(Files.readSymbolicLink(p));
                }
                out.put(rel.isEmpty() ? "/" : rel, s.toString());
            }
        });
        keys.forEach((rel, ino) -> out.put(rel, out.get(rel) + " links=" + inodes.get(ino)));
        return out;
    }

    /** The "config" object of the image tagged {@code tag} in an OCI layout. */
    private static JsonNode ladingConfig(Path layout, String tag) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode index = json.readTree(layout.resolve("index.json").toFile());
        String manifestDigest = null;
        for (JsonNode m : index.get("manifests")) {
            JsonNode ann = m.path("annotations").path("org.opencontainers.image.ref.name");
            if (ann.asText().equals(tag)) {
                manifestDigest = m.get("digest").asText();
            }
        }
        assertThat(manifestDigest).as("tag " + tag + " in " + layout).isNotNull();
        JsonNode manifest = json.readTree(blob(layout, manifestDigest).toFile());
        return json.readTree(blob(layout, manifest.get("config").get("digest").asText()).toFile()).path("config");
    }

    /** The config fields both builders must agree on; labels that name the builder or the build are left out. */
    private static Map<String, Object> runtimeConfig(JsonNode config) {
        Map<String, Object> out = new TreeMap<>();
        for (String field : List.of("Env", "User", "WorkingDir", "Entrypoint", "Cmd", "ExposedPorts", "Volumes", "Healthcheck", "StopSignal")) {
            JsonNode v = config.path(field);
            out.put(field, v.isMissingNode() || v.isNull() || (v.isTextual() && v.asText().isEmpty()) || (v.isContainerNode() && v.isEmpty()) ? "" : v.toString());
        }
        Map<String, String> labels = new TreeMap<>();
        config.path("Labels").fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("io.buildah.") && !e.getKey().startsWith("org.opencontainers.image.")) {
                labels.put(e.getKey(), e.getValue().asText());
            }
        });
        out.put("Labels", labels);
        return out;
    }

    private static Path blob(Path layout, String digest) {
        String[] parts = digest.split(":", 2);
        return layout.resolve("blobs").resolve(parts[0]).resolve(parts[1]);
    }
}
