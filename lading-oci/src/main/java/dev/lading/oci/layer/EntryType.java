package dev.lading.oci.layer;

/**
 * The kinds of tar entry a container layer may carry. Sockets are absent on purpose: tar cannot
 * represent them and Docker/BuildKit drop them too.
 */
public enum EntryType {
    FILE('0'),
    HARDLINK('1'),
    SYMLINK('2'),
    CHAR_DEVICE('3'),
    BLOCK_DEVICE('4'),
    DIRECTORY('5'),
    FIFO('6');

    private final char typeflag;

    EntryType(char typeflag) {
        this.typeflag = typeflag;
    }

    /** The USTAR typeflag byte. */
    public char typeflag() {
        return typeflag;
    }

    public boolean isDevice() {
        return this == CHAR_DEVICE || this == BLOCK_DEVICE;
    }
}
