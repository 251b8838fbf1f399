package dev.lading.scan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian packages: {@code /var/lib/dpkg/status}, and the one-file-per-package {@code /var/lib/dpkg/status.d/}
 * that distroless images use instead. A package counts when its files are on disk (any state but
 * {@code not-installed} and {@code config-files}). Licenses come from {@code /usr/share/doc/NAME/copyright}
 * when the image still has it and it is machine-readable (DEP-5: a {@code Format:} header): the short names of
 * its {@code License:} fields. A free-form copyright file gives no license rather than a guess.
 */
public final class DpkgCataloger implements Cataloger {
    static final String STATUS = "/var/lib/dpkg/status";
    static final String STATUS_D = "/var/lib/dpkg/status.d/";
    private static final String DOC = "/usr/share/doc/";
    // boost ships a 2 MB copyright file; the largest on a desktop Debian are under 4 MB
    private static final long COPYRIGHT_LIMIT = 4L << 20;
    private static final Set<String> ABSENT = Set.of("not-installed", "config-files");
    private static final Pattern SOURCE = Pattern.compile("^(\\S+)(?:\\s+\\((\\S+)\\))?$");
    private static final Pattern DEP5_FORMAT = Pattern.compile("^Format:\\s*\\S", Pattern.MULTILINE);
    private static final Pattern LICENSE = Pattern.compile("^License:[ \\t]*(\\S.*?)\\s*$", Pattern.MULTILINE);

    @Override
    public String name() {
        return "dpkg";
    }

    @Override
    public long keepLimit(String path) {
        if (path.equals(STATUS) || (path.startsWith(STATUS_D) && path.indexOf('/', STATUS_D.length()) < 0 && !path.endsWith(".md5sums"))) {
            return Long.MAX_VALUE;
        }
        if (path.startsWith(DOC) && path.endsWith("/copyright") && path.indexOf('/', DOC.length()) == path.length() - "/copyright".length()) {
            return COPYRIGHT_LIMIT;
        }
        return 0;
    }

    @Override
    public List<Package> catalog(CatalogContext context) {
        List<ImageFile> databases = new ArrayList<>();
        context.files().get(STATUS).filter(ImageFile::hasContent).ifPresent(databases::add);
        context.files().kept(p -> keepLimit(p) == Long.MAX_VALUE && p.startsWith(STATUS_D)).forEach(databases::add);
        List<Package> out = new ArrayList<>();
        for (ImageFile db : databases) {
            for (Deb822.Stanza s : Deb822.parse(db.text(), db.path(), context::warn)) {
                toPackage(s, db, context).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<Package> toPackage(Deb822.Stanza s, ImageFile db, CatalogContext context) {
        String name = s.get("package");
        String version = s.get("version");
        String status = s.get("status");
        if (status != null) {
            String[] words = status.split("\\s+");
            if (ABSENT.contains(words[words.length - 1])) {
                return Optional.empty();
            }
        }
        if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
            if (status == null || !status.endsWith("not-installed")) {
                context.warn(db.path() + ":" + s.line() + ": a package entry without Package or Version; skipped");
            }
            return Optional.empty();
        }
        String arch = s.get("architecture");
        Package.Source source = null;
        String src = s.get("source");
        if (src != null && !src.isEmpty()) {
            Matcher m = SOURCE.matcher(src);
            if (m.matches()) {
                source = new Package.Source(m.group(1), m.group(2) != null ? m.group(2) : version);
            } else {
                context.warn(db.path() + ":" + s.line() + ": unreadable Source '" + ImageFiles.printable(src) + "' of " + name + "; ignored");
            }
        } else {
            source = new Package.Source(name, version);
        }
        String purl;
        try {
            purl = Purls.deb(context.distro(), name, version, arch);
        } catch (IllegalArgumentException e) {
            context.warn(db.path() + ":" + s.line() + ": " + e.getMessage() + "; skipped " + ImageFiles.printable(name));
            return Optional.empty();
        }
        return Optional.of(new Package(Ecosystem.DEB, name, version, purl, licenses(name, context.files()), arch, source,
                db.layer(), db.path()));
    }

    /** The {@code License:} short names of a DEP-5 copyright file; none for a free-form one. */
    static List<String> licenses(String name, ImageFiles files) {
        Optional<ImageFile> copyright = files.get(DOC + name + "/copyright").filter(ImageFile::hasContent);
        if (copyright.isEmpty()) {
            return List.of();
        }
        String text = copyright.get().text();
        // only DEP-5 files name licenses in License: fields; free-form ones put prose there too
        String header = text.split("\n\\s*\n", 2)[0];
        if (!DEP5_FORMAT.matcher(header).find()) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher m = LICENSE.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return List.copyOf(found);
    }
}
