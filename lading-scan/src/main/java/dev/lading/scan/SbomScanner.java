package dev.lading.scan;

import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ResolvedImage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes an {@link Sbom}: one walk over the image's layers keeping the files any cataloger asked for, then
 * each cataloger over the final filesystem. A cataloger that throws does not sink the others: its failure
 * becomes a warning.
 */
public final class SbomScanner {
    private final List<Cataloger> catalogers;
    private final ImageFiles.Limits limits;

    public SbomScanner(List<Cataloger> catalogers, ImageFiles.Limits limits) {
        this.catalogers = List.copyOf(catalogers);
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Every cataloger lading has, with the default limits. */
    public static SbomScanner standard() {
        return new SbomScanner(defaultCatalogers(), ImageFiles.Limits.DEFAULT);
    }

    public static List<Cataloger> defaultCatalogers() {
        return List.of(new DpkgCataloger(), new ApkCataloger(), new PythonCataloger(), new NpmCataloger(), new JavaArchiveCataloger(), new GoBinaryCataloger(), new RustBinaryCataloger(), new RpmCataloger());
    }

    /** The first cataloger's summarizer that wants a path reads it; one reading per file keeps the walk one pass. */
    private FileSummarizer summarizer() {
        List<FileSummarizer> all = catalogers.stream().map(Cataloger::summarizer).filter(Objects::nonNull).toList();
        if (all.isEmpty()) {
            return null;
        }
        return new FileSummarizer() {
            @Override
            public boolean wants(String path) {
                return all.stream().anyMatch(s -> s.wants(path));
            }

            @Override
            public Object summarize(String path, long size, java.io.InputStream in) throws IOException {
                for (FileSummarizer s : all) {
                    if (s.wants(path)) {
                        return s.summarize(path, size, in);
                    }
                }
                return null;
            }
        };
    }

    /** Reads the layers of {@code image} from {@code reader}; {@code name} is how the image is shown in the SBOM. */
    public Sbom scan(ContentReader reader, ResolvedImage image, String name) throws IOException {
        return scan(reader, image, name, null, FileSelector.none()).sbom();
    }

    /**
     * The SBOM and the final filesystem it was read from, from one pass over the layers.
     *
     * @param files the final filesystem view: what the catalogers kept plus what {@code extra} selected
     */
    public record Result(Sbom sbom, ImageFiles files) {
    }

    /**
     * As {@link #scan(ContentReader, ResolvedImage, String)}, also showing every layer entry to {@code visitor}
     * (may be null) and keeping the files {@code extra} selects, so analyses of the layers (secrets, wasted
     * space) and of the final filesystem (image policy) need no second read of any layer.
     */
    public Result scan(ContentReader reader, ResolvedImage image, String name, LayerVisitor visitor, FileSelector extra) throws IOException {
        List<String> warnings = new ArrayList<>();
        List<FileSelector> selectors = new ArrayList<>(catalogers);
        selectors.add(path -> Distro.PATHS.contains(path) ? 64 * 1024 : 0);
        selectors.add(Objects.requireNonNull(extra, "extra"));
        ImageFiles files = ImageFiles.read(reader, image.manifest().layers(), FileSelector.anyOf(selectors), summarizer(), limits,
                warnings::add, visitor);
        var distro = Distro.find(files);
        CatalogContext context = new CatalogContext(files, distro, warnings::add);
        List<Package> packages = new ArrayList<>();
        for (Cataloger c : catalogers) {
            try {
                packages.addAll(c.catalog(context));
            } catch (RuntimeException e) {
                // a bug or an input no test foresaw: report it, keep the other catalogers' results
                warnings.add("the " + c.name() + " cataloger failed: " + e);
            }
        }
        String platform = image.config().platform() == null ? null : image.config().platform().toString();
        Sbom.Subject subject = new Sbom.Subject(name, image.manifestDescriptor().digest(), platform, files.layers(), image.config().created());
        return new Result(new Sbom(subject, distro, packages, warnings), files);
    }
}
