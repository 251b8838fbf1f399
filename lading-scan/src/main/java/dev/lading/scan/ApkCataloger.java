package dev.lading.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * Alpine (and Wolfi/Chainguard) packages from {@code /lib/apk/db/installed}: one stanza per package of
 * one-letter fields ({@code P} name, {@code V} version, {@code A} arch, {@code L} license, {@code o} origin).
 */
public final class ApkCataloger implements Cataloger {
    static final String INSTALLED = "/lib/apk/db/installed";

    @Override
    public String name() {
        return "apk";
    }

    @Override
    public long keepLimit(String path) {
        return path.equals(INSTALLED) ? Long.MAX_VALUE : 0;
    }

    @Override
    public List<Package> catalog(CatalogContext context) {
        List<Package> out = new ArrayList<>();
        context.files().get(INSTALLED).filter(ImageFile::hasContent).ifPresent(db -> {
            for (Deb822.Stanza s : Deb822.parse(db.text(), db.path(), context::warn, false)) {
                String name = s.get("P");
                String version = s.get("V");
                if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
                    context.warn(db.path() + ":" + s.line() + ": a package entry without P: or V:; skipped");
                    continue;
                }
                String arch = s.get("A");
                String origin = s.get("o");
                String license = s.get("L");
                String purl;
                try {
                    purl = Purls.apk(context.distro(), name, version, arch);
                } catch (IllegalArgumentException e) {
                    context.warn(db.path() + ":" + s.line() + ": " + e.getMessage() + "; skipped");
                    continue;
                }
                out.add(new Package(Ecosystem.APK, name, version, purl, license == null ? List.of() : List.of(license), arch,
                        new Package.Source(origin == null || origin.isEmpty() ? name : origin, version), db.layer(), db.path()));
            }
        });
        return out;
    }
}
