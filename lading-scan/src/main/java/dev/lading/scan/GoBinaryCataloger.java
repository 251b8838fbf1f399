package dev.lading.scan;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Go modules compiled into ELF binaries, from the build info the Go toolchain embeds
 * ({@code runtime/debug.BuildInfo}, what {@code go version -m} prints): one package per module (the main module
 * and each {@code dep}, a {@code =>} replacement taking the place of what it replaces, as the code that was
 * compiled is the replacement's) and one for the Go standard library, named {@code stdlib} with the toolchain's
 * version without its {@code go} prefix ({@code pkg:golang/stdlib@1.19.8}), which is how OSV names it.
 *
 * <p>Binaries are read while the layer streams past (see {@link ElfBinaryReader}); Go 1.18 and later are read,
 * older layouts give a warning. A module built from a directory has no version: Go writes {@code (devel)}, kept
 * as the version, and the PURL then has none (a version no registry knows would only mislead matching).
 */
public final class GoBinaryCataloger extends ElfBinaryCataloger {
    static final String STDLIB = "stdlib";
    private static final String DEVEL = "(devel)";

    /** One module line of the modinfo: {@code path}, version (may be empty), and its replacement (may be null). */
    record Module(String path, String version, Module replacement) {
        /**
         * What was compiled: the replacement module; for a replacement by a local directory (no version, or
         * {@code (devel)} as Go 1.19 writes it; its
         * "path" is a file system path), the original module path without a version.
         */
        Module effective() {
            if (replacement == null) {
                return this;
            }
            boolean directory = replacement.version().isEmpty() || replacement.version().equals(DEVEL);
            return directory ? new Module(path, "", null) : replacement;
        }
    }

    /** The modinfo text, parsed: the main module (null for {@code go build file.go}) and the dependencies. */
    record ModInfo(String path, Module main, List<Module> deps) {
    }

    @Override
    public String name() {
        return "go";
    }

    @Override
    void catalog(CatalogContext context, ImageFile f, ElfBinaryReader.ElfBinary b, String where, List<Package> out) {
        b.goProblems().forEach(p -> context.warn(where + ": " + p + "; skipped"));
        if (b.go() == null) {
            return;
        }
        ModInfo info = parse(b.go().modInfo(), m -> context.warn(where + ": Go build info: " + m));
        List<Module> modules = new ArrayList<>();
        if (info.main() != null) {
            modules.add(info.main());
        }
        modules.addAll(info.deps());
        for (Module m : modules) {
            Module e = m.effective();
            String version = e.version().isEmpty() ? DEVEL : e.version();
            add(out, context, where, f, e.path(), version, version.equals(DEVEL) ? null : version);
        }
        String stdlib = stdlibVersion(b.go().goVersion());
        if (stdlib != null) {
            add(out, context, where, f, STDLIB, stdlib, stdlib);
        } else {
            context.warn(where + ": unrecognised Go version '" + ImageFiles.printable(b.go().goVersion()) + "'; no stdlib package");
        }
    }

    private static void add(List<Package> out, CatalogContext context, String where, ImageFile f, String name, String version, String purlVersion) {
        try {
            out.add(new Package(Ecosystem.GOLANG, name, version, Purls.golang(name, purlVersion), List.of(), null, null, f.layer(), f.path()));
        } catch (IllegalArgumentException e) {
            context.warn(where + ": " + e.getMessage() + "; skipped " + ImageFiles.printable(name));
        }
    }

    /** {@code go1.19.8} → {@code 1.19.8}; {@code go1.21.0 X:boringcrypto} → {@code 1.21.0}; a devel toolchain → null. */
    static String stdlibVersion(String goVersion) {
        String first = goVersion.strip().split("\\s+")[0];
        return first.matches("go\\d+(\\.\\d+)*((rc|beta)\\d+)?") ? first.substring(2) : null;
    }

    /**
     * The modinfo lines: {@code path P}, {@code mod P V [SUM]}, {@code dep P V [SUM]}, {@code => P V [SUM]} (replaces
     * the module line just before), {@code build K=V}, separated by tabs. Other lines are ignored, as cmd/go does.
     */
    static ModInfo parse(String text, java.util.function.Consumer<String> warnings) {
        String path = null;
        Module main = null;
        List<Module> deps = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "path" -> path = f.length > 1 ? f[1] : null;
                case "mod", "dep" -> {
                    if (f.length < 3 || f[1].isEmpty()) {
                        warnings.accept("a '" + f[0] + "' line without a module path and version; ignored");
                        continue;
                    }
                    Module m = new Module(f[1], f[2], null);
                    if (f[0].equals("mod")) {
                        main = m;
                    } else {
                        deps.add(m);
                    }
                }
                case "=>" -> {
                    if (f.length < 3 || f[1].isEmpty()) {
                        warnings.accept("a replacement line without a module path; ignored");
                        continue;
                    }
                    Module replacement = new Module(f[1], f[2], null);
                    if (!deps.isEmpty() && deps.getLast().replacement() == null) {
                        Module last = deps.removeLast();
                        deps.add(new Module(last.path(), last.version(), replacement));
                    } else if (deps.isEmpty() && main != null && main.replacement() == null) {
                        main = new Module(main.path(), main.version(), replacement);
                    } else {
                        warnings.accept("a replacement line that follows no module; ignored");
                    }
                }
                default -> {
                }
            }
        }
        return new ModInfo(path, main, List.copyOf(deps));
    }
}
