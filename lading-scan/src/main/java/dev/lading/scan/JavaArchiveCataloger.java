package dev.lading.scan;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Maven artifacts in Java archives (jar, war, ear), nested ones included (Spring Boot's BOOT-INF/lib, a war's
 * WEB-INF/lib, an ear's modules), read while the layer streams past: nothing of an archive is kept but what
 * its {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} say and the archive's SHA-1. The SHA-1 goes to the
 * artifact the archive itself is (its only pom.properties, or the one whose artifactId-version its file name
 * starts with), not to the libraries shaded into it.
 *
 * <p>Archives without pom.properties are not reported: a name and version guessed from a file name or
 * MANIFEST.MF have no Maven group, so they would make a wrong PURL.
 */
public final class JavaArchiveCataloger implements Cataloger, FileSummarizer {
    private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");
    private static final int MAX_DEPTH = 3;
    private static final int MAX_PROPERTIES_BYTES = 64 * 1024;
    /** Inflated bytes read from one top-level archive, nested ones included: a zip bomb stops here. */
    private static final long MAX_INFLATED = 4L << 30;

    /** One pom.properties found in an archive. */
    record Artifact(String groupId, String artifactId, String version, String archive, String sha1) {
    }

    /** What the cataloger keeps of one archive in the image. */
    record Summary(List<Artifact> artifacts) {
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public long keepLimit(String path) {
        return 0; // archives are read while streaming (summarize), never kept
    }

    @Override
    public boolean wants(String path) {
        return isArchive(path);
    }

    @Override
    public FileSummarizer summarizer() {
        return this;
    }

    static boolean isArchive(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".jar") || p.endsWith(".war") || p.endsWith(".ear");
    }

    @Override
    public Object summarize(String path, long size, InputStream in) throws IOException {
        List<Artifact> found = new ArrayList<>();
        read(in, path, 0, found, new long[]{MAX_INFLATED});
        return new Summary(List.copyOf(found));
    }

    /** Reads one archive to its end; returns its SHA-1 (lowercase hex). */
    private String read(InputStream raw, String archivePath, int depth, List<Artifact> found, long[] budget) throws IOException {
        MessageDigest sha1 = sha1();
        DigestInputStream digesting = new DigestInputStream(raw, sha1);
        ZipInputStream zip = new ZipInputStream(digesting);
        List<Properties> poms = new ArrayList<>();
        ZipEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
            String name = entry.getName();
            if (POM_PROPERTIES.matcher(name).matches()) {
                byte[] data = zip.readNBytes(MAX_PROPERTIES_BYTES + 1);
                if (data.length <= MAX_PROPERTIES_BYTES) {
                    Properties p = new Properties();
                    p.load(new ByteArrayInputStream(data));
                    poms.add(p);
                }
            } else if (depth < MAX_DEPTH && !entry.isDirectory() && isArchive(name)) {
                read(new Inflated(zip, budget), archivePath + "!/" + name, depth + 1, found, budget);
            }
        }
        digesting.transferTo(OutputStream.nullOutputStream()); // the central directory, for the checksum
        String hex = HexFormat.of().formatHex(sha1.digest());
        String fileName = archivePath.substring(archivePath.lastIndexOf('/') + 1);
        for (Properties p : poms) {
            String g = trim(p.getProperty("groupId"));
            String a = trim(p.getProperty("artifactId"));
            String v = trim(p.getProperty("version"));
            boolean itself = poms.size() == 1 || (a != null && v != null && fileName.startsWith(a + "-" + v));
            found.add(new Artifact(g, a, v, archivePath, itself ? hex : null));
        }
        return hex;
    }

    @Override
    public List<Package> catalog(CatalogContext context) {
        List<Package> out = new ArrayList<>();
        context.files().all().filter(f -> f.summary() instanceof Summary).forEach(f -> {
            for (Artifact a : ((Summary) f.summary()).artifacts()) {
                if (a.groupId() == null || a.artifactId() == null || a.version() == null) {
                    context.warn(a.archive() + ": a pom.properties without groupId, artifactId or version; skipped");
                    continue;
                }
                try {
                    out.add(new Package(Ecosystem.MAVEN, a.artifactId(), a.version(), Purls.maven(a.groupId(), a.artifactId(), a.version()),
                            List.of(), null, null, f.layer(), a.archive(), a.sha1()));
                } catch (IllegalArgumentException e) {
                    context.warn(a.archive() + ": " + e.getMessage() + "; skipped");
                }
            }
        });
        return out;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** A nested archive's inflated bytes, counted against the budget shared by one top-level archive; never closes. */
    private static final class Inflated extends FilterInputStream {
        private final long[] budget;

        Inflated(InputStream in, long[] budget) {
            super(in);
            this.budget = budget;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                spend(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                spend(n);
            }
            return n;
        }

        private void spend(long n) throws IOException {
            budget[0] -= n;
            if (budget[0] < 0) {
                throw new IOException("its nested archives inflate to more than " + MAX_INFLATED + " bytes (a zip bomb?)");
            }
        }

        @Override
        public void close() {
        }
    }
}
