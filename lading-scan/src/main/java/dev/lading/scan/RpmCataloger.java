package dev.lading.scan;

import dev.lading.oci.Digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * rpm packages, from the SQLite database of rpm 4.16+ (Fedora 33+, RHEL/CentOS Stream/Rocky/Alma 9+, Amazon Linux
 * 2023, openSUSE with the sqlite backend): {@code rpmdb.sqlite} in {@code /usr/lib/sysimage/rpm} (where Fedora
 * 36+ and openSUSE keep it, {@code /var/lib/rpm} being a symlink) or {@code /var/lib/rpm}. Each row of its
 * {@code Packages} table is one installed package's header. The database is read by {@link SqliteReader}, the
 * headers by {@link RpmHeader}: no native code.
 *
 * <p>Not read, with one warning: the BerkeleyDB {@code Packages} file of older distributions (RHEL/CentOS 8 and
 * before, Amazon Linux 2) and the {@code Packages.db} of rpm's ndb backend; and changes still in an
 * {@code rpmdb.sqlite-wal} file beside the database (rpm checkpoints it when it closes the database, so an image
 * rarely has one). The {@code gpg-pubkey} entries rpm keeps for imported signing keys are not packages and are
 * left out.
 */
public final class RpmCataloger implements Cataloger {
    static final List<String> DIRECTORIES = List.of("/usr/lib/sysimage/rpm", "/var/lib/rpm");
    static final String SQLITE = "rpmdb.sqlite";
    private static final String TABLE = "Packages";

    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public long keepLimit(String path) {
        return DIRECTORIES.stream().anyMatch(d -> path.equals(d + "/" + SQLITE)) ? Long.MAX_VALUE : 0;
    }

    @Override
    public List<Package> catalog(CatalogContext context) {
        List<Package> out = new ArrayList<>();
        boolean found = false;
        for (String dir : DIRECTORIES) {
            Optional<ImageFile> db = context.files().get(dir + "/" + SQLITE).filter(ImageFile::hasContent);
            if (db.isPresent()) {
                found = true;
                read(db.get(), context, out);
                context.files().get(db.get().path() + "-wal").filter(f -> f.size() > 0).ifPresent(wal -> context.warn(
                        "layer " + wal.layer().shortHex() + ": " + wal.path() + " holds rpm database changes not yet written to "
                                + SQLITE + "; they are not read"));
                break; // the first is the one rpm uses: Fedora 36+ links /var/lib/rpm to the other
            }
        }
        if (!found) {
            for (String dir : DIRECTORIES) {
                for (String other : List.of("Packages", "Packages.db")) {
                    Optional<ImageFile> f = context.files().get(dir + "/" + other).filter(x -> x.size() > 0);
                    if (f.isPresent()) {
                        context.warn("layer " + f.get().layer().shortHex() + ": " + f.get().path() + ": rpm "
                                + (other.equals("Packages") ? "BerkeleyDB" : "ndb") + " database not supported; its packages are not listed");
                        return out;
                    }
                }
            }
        }
        return out;
    }

    private static void read(ImageFile file, CatalogContext context, List<Package> out) {
        byte[] bytes;
        try {
            bytes = file.open().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // from memory: cannot happen
        }
        out.addAll(read(bytes, file.path(), file.layer(), context.distro(), context::warn));
    }

    /** The packages of the database {@code bytes}, found at {@code path} in {@code layer}; damage becomes warnings. */
    static List<Package> read(byte[] bytes, String path, Digest layer, Optional<Distro> distro, Consumer<String> warnings) {
        String where = "layer " + layer.shortHex() + ": " + path;
        List<Package> out = new ArrayList<>();
        SqliteReader db;
        try {
            db = SqliteReader.open(bytes);
        } catch (IOException e) {
            warnings.accept(where + ": " + e.getMessage() + "; skipped");
            return out;
        }
        Optional<Integer> root = db.rootPage(TABLE);
        if (root.isEmpty()) {
            db.problems().forEach(p -> warnings.accept(where + ": " + p));
            warnings.accept(where + ": no " + TABLE + " table; skipped");
            return out;
        }
        db.rows(root.get(), row -> {
            // CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL): hnum is the rowid
            Object blob = row.values().size() >= 2 ? row.values().get(1) : null;
            if (!(blob instanceof byte[] b)) {
                warnings.accept(where + ": row " + row.rowid() + " has no header blob; skipped");
                return;
            }
            try {
                toPackage(RpmHeader.parse(b), path, layer, distro, warnings, where + " (row " + row.rowid() + ")").ifPresent(out::add);
            } catch (IOException e) {
                warnings.accept(where + ": row " + row.rowid() + ": " + e.getMessage() + "; skipped");
            }
        });
        db.problems().forEach(p -> warnings.accept(where + ": " + p + "; skipped"));
        return out;
    }

    private static Optional<Package> toPackage(RpmHeader h, String path, Digest layer, Optional<Distro> distro, Consumer<String> warnings,
                                               String where) {
        String name = h.string(RpmHeader.NAME);
        String version = h.string(RpmHeader.VERSION);
        String release = h.string(RpmHeader.RELEASE);
        if (name == null || version == null || release == null) {
            warnings.accept(where + ": a header without name, version or release; skipped");
            return Optional.empty();
        }
        if (name.equals("gpg-pubkey")) {
            return Optional.empty();
        }
        Long epoch = h.integer(RpmHeader.EPOCH);
        String arch = h.string(RpmHeader.ARCH);
        String vr = version + "-" + release;
        String license = h.string(RpmHeader.LICENSE);
        String purl;
        try {
            purl = Purls.rpm(distro, name, vr, arch, epoch == null ? null : epoch.intValue());
        } catch (IllegalArgumentException e) {
            warnings.accept(where + ": " + e.getMessage() + "; skipped " + ImageFiles.printable(name));
            return Optional.empty();
        }
        return Optional.of(new Package(Ecosystem.RPM, name, epoch == null ? vr : epoch + ":" + vr, purl,
                license == null ? List.of() : List.of(license), arch, source(h.string(RpmHeader.SOURCERPM)), layer, path));
    }

    /** {@code bash-5.2.26-3.fc40.src.rpm} → bash, 5.2.26-3.fc40; null when it does not have that shape. */
    static Package.Source source(String sourceRpm) {
        if (sourceRpm == null) {
            return null;
        }
        String s = sourceRpm.endsWith(".src.rpm") ? sourceRpm.substring(0, sourceRpm.length() - 8)
                : sourceRpm.endsWith(".nosrc.rpm") ? sourceRpm.substring(0, sourceRpm.length() - 10) : null;
        if (s == null) {
            return null;
        }
        int rel = s.lastIndexOf('-');
        int ver = rel <= 0 ? -1 : s.lastIndexOf('-', rel - 1);
        return ver <= 0 ? null : new Package.Source(s.substring(0, ver), s.substring(ver + 1));
    }
}
