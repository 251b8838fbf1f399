package dev.lading.scan;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What the catalogers of compiled binaries share: every file that may be an ELF binary is read once, as the
 * layer streams past, by {@link ElfBinaryReader} (one summary serves all of them: whichever cataloger is asked
 * first keeps what each needs), and each cataloger then reads its part of the summary.
 */
abstract class ElfBinaryCataloger implements Cataloger, FileSummarizer {

    @Override
    public long keepLimit(String path) {
        return 0; // binaries are read while streaming, never kept
    }

    @Override
    public FileSummarizer summarizer() {
        return this;
    }

    @Override
    public boolean wants(String path) {
        return ElfBinaryReader.mayBeBinary(path);
    }

    @Override
    public Object summarize(String path, long size, InputStream in) throws IOException {
        ElfBinaryReader.ElfBinary b = ElfBinaryReader.read(in);
        return b == null || b.isEmpty() ? null : b;
    }

    @Override
    public List<Package> catalog(CatalogContext context) {
        List<Package> out = new ArrayList<>();
        context.files().all().filter(f -> f.summary() instanceof ElfBinaryReader.ElfBinary).forEach(f ->
                catalog(context, f, (ElfBinaryReader.ElfBinary) f.summary(), "layer " + f.layer().shortHex() + ": " + f.path(), out));
        return out;
    }

    /** Adds the packages of one binary to {@code out}; {@code where} names it for warnings. */
    abstract void catalog(CatalogContext context, ImageFile f, ElfBinaryReader.ElfBinary b, String where, List<Package> out);
}
