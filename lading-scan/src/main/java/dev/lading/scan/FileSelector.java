package dev.lading.scan;

/**
 * Which files' contents a walk keeps, and how many bytes of each at most. Everything else is seen only as
 * metadata: this is what keeps the memory of a scan independent of the image's size.
 */
@FunctionalInterface
public interface FileSelector {

    /** The most bytes worth keeping of {@code path} (absolute, normalised); 0 or less: don't keep it. */
    long keepLimit(String path);

    /** Keeps nothing. */
    static FileSelector none() {
        return path -> 0;
    }

    /** The largest limit any of {@code selectors} asks for. */
    static FileSelector anyOf(Iterable<? extends FileSelector> selectors) {
        return path -> {
            long max = 0;
            for (FileSelector s : selectors) {
                max = Math.max(max, s.keepLimit(path));
            }
            return max;
        };
    }
}
