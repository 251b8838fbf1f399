package dev.lading.scan;

import java.util.List;

/**
 * Finds one kind of package in an image's final filesystem. A cataloger first says which files it needs
 * ({@link #keepLimit}); the layers are then walked once for all catalogers, and {@link #catalog} reads the
 * kept files. A cataloger never fails on bad metadata: it skips what it cannot read and says so through
 * {@link CatalogContext#warn}.
 */
public interface Cataloger extends FileSelector {

    /** A short name for warnings and tables: {@code dpkg}, {@code apk}, {@code python} ... */
    String name();

    List<Package> catalog(CatalogContext context);

    /** For catalogers that read large files while the layer streams past instead of keeping them; null for none. */
    default FileSummarizer summarizer() {
        return null;
    }
}
