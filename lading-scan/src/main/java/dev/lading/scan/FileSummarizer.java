package dev.lading.scan;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a file while its layer streams past and keeps only what it makes of it: for files too large to keep
 * (a 100 MB jar) whose gist is small (the packages inside and a checksum). The summary is attached to the
 * file in the {@link ImageFiles} view and goes away with it if a later layer deletes or replaces the file.
 */
public interface FileSummarizer {

    /** Whether to read {@code path} (absolute, normalised). */
    boolean wants(String path);

    /**
     * Reads {@code in} (the file's bytes; not to be closed) and returns what to keep, or null for nothing. An
     * exception skips the file with a warning; it does not end the walk.
     */
    Object summarize(String path, long size, InputStream in) throws IOException;
}
