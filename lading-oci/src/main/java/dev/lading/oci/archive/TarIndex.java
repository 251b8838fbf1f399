package dev.lading.oci.archive;

import dev.lading.oci.OciException;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tar file indexed once (entry name → data offset and size) and then read by random access.
 * A docker-archive's layers are read in any order, several times (hash, then copy) and possibly in parallel,
 * so streaming through the whole tar for each of them would cost O(layers × archive size).
 *
 * <p>The parser is our own rather than commons-compress's {@code TarFile} so that it can bound what a
 * hostile archive costs (entry count, header sizes, sizes past the end of the file) and refuse it with a
 * message naming the entry. It reads what Go's archive/tar (Docker, skopeo) and GNU tar write: ustar,
 * PAX extended headers ({@code path}, {@code linkpath}, {@code size}), GNU long names, base-256 sizes.
 * Entry names are cleaned like Go's {@code path.Clean} and must stay inside the archive.
 */
final class TarIndex implements Closeable {

    static final int BLOCK = 512;
    /** docker save writes a handful of entries per layer; this is far beyond any real archive. */
    static final int MAX_ENTRIES = 200_000;
    private static final int MAX_EXTENDED_HEADER = 1 << 20;
    private static final int MAX_LINK_HOPS = 16;

    enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

    /** One entry: where its data starts in the file and how long it is. */
    record Entry(String name, Type type, char typeFlag, long offset, long size, String linkName) {
    }

    private final Path file;
    private final String displayName;
    private final FileChannel channel;
    private final Map<String, Entry> entries;

    private TarIndex(Path file, String displayName, FileChannel channel, Map<String, Entry> entries) {
        this.file = file;
        this.displayName = displayName;
        this.channel = channel;
        this.entries = entries;
    }

    /** Indexes {@code file}, which must be an uncompressed tar; {@code displayName} is what errors call it. */
    static TarIndex open(Path file, String displayName) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new TarIndex(file, displayName, channel, scan(channel, displayName));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    /** Every entry in archive order. */
    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    Optional<Entry> entry(String name) {
        return Optional.ofNullable(entries.get(clean(name)));
    }

    boolean contains(String name) {
        return entries.containsKey(clean(name));
    }

    /**
     * The regular file that {@code name} denotes, following symbolic and hard links inside the archive only
     * (docker save deduplicates layers as {@code <id>/layer.tar -> ../<other>/layer.tar}).
     */
    Entry resolveFile(String name, String what) {
        String current = cleanChecked(name, what);
        for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
            Entry e = entries.get(current);
            if (e == null) {
                String via = current.equals(clean(name)) ? "" : " (reached through links from '" + name + "')";
                throw new OciException(displayName + ": " + what + " '" + current + "' is not in the archive" + via);
            }
            switch (e.type()) {
                case FILE -> {
                    return e;
                }
                case SYMLINK -> current = linkTarget(e, parent(e.name()), what);
                case HARDLINK -> current = linkTarget(e, "", what);
                case DIRECTORY -> throw new OciException(displayName + ": " + what + " '" + e.name() + "' is a directory, not a file");
                default -> throw new OciException(displayName + ": " + what + " '" + e.name()
                        + "' is not a regular file (tar type '" + e.typeFlag() + "')");
            }
        }
        throw new OciException(displayName + ": " + what + " '" + name + "': more than " + MAX_LINK_HOPS
                + " links to follow (a link loop?)");
    }

    private String linkTarget(Entry link, String base, String what) {
        String target = link.linkName();
        if (target == null || target.isEmpty()) {
            throw new OciException(displayName + ": link '" + link.name() + "' (" + what + ") has an empty target");
        }
        if (target.startsWith("/")) {
            throw new OciException(displayName + ": link '" + link.name() + "' (" + what + ") points to the absolute path '"
                    + target + "'; links in an image archive must stay inside it");
        }
        String joined = base.isEmpty() ? target : base + "/" + target;
        String cleaned = cleanPath(joined);
        if (cleaned.equals("..") || cleaned.startsWith("../")) {
            throw new OciException(displayName + ": link '" + link.name() + "' (" + what + ") points outside the archive: '"
                    + target + "'");
        }
        return cleaned;
    }

    /** The entry's bytes; the stream fails with a clear message if the file is shorter than the index says. */
    InputStream open(Entry e) {
        return new RegionInputStream(e);
    }

    /** A small file (JSON) read whole; refuses entries larger than {@code max} bytes. */
    byte[] readAll(Entry e, long max, String what) throws IOException {
        if (e.size() > max) {
            throw new OciException(displayName + ": " + what + " '" + e.name() + "' is " + e.size()
                    + " bytes, more than the " + max + " this file can sensibly be");
        }
        try (InputStream in = open(e)) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    // ---------------------------------------------------------------- names

    /** Go's path.Clean for archive names, with the leading "./" and "/" tar writers add removed. */
    static String clean(String name) {
        String n = name;
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        String c = cleanPath(n);
        return c.equals(".") ? "" : c;
    }

    private String cleanChecked(String name, String what) {
        String c = clean(name);
        if (name.startsWith("/") || c.equals("..") || c.startsWith("../") || c.isEmpty()) {
            throw new OciException(displayName + ": " + what + " path '" + name + "' points outside the archive");
        }
        return c;
    }

    static String cleanPath(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                out.remove(out.size() - 1);
            } else {
                out.add(part);
            }
        }
        return out.isEmpty() ? "." : String.join("/", out);
    }

    static String parent(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    // ---------------------------------------------------------------- scanning

    private static Map<String, Entry> scan(FileChannel channel, String displayName) throws IOException {
        long length = channel.size();
        Map<String, Entry> entries = new LinkedHashMap<>();
        ByteBuffer header = ByteBuffer.allocate(BLOCK);
        Map<String, String> pax = new HashMap<>();
        String gnuLongName = null;
        String gnuLongLink = null;
        long pos = 0;
        while (true) {
            if (pos + BLOCK > length) {
                if (pos == length && entries.size() > 0) {
                    break; // no end-of-archive blocks: tolerated, as Go's reader does
                }
                throw new OciException(displayName + ": truncated tar (a header at byte " + pos + " runs past the end of the "
                        + length + "-byte file)" + (pos == 0 ? "; is this a tar archive?" : ""));
            }
            header.clear();
            readFully(channel, header, pos, displayName);
            byte[] h = header.array();
            if (isZeros(h)) {
                break;
            }
            verifyChecksum(h, pos, displayName);
            boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
            boolean gnu = ustar && h[262] == ' ';
            char flag = (char) (h[156] & 0xff);
            String name = cString(h, 0, 100);
            if (ustar && !gnu) {
                String prefix = cString(h, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
            }
            String linkName = cString(h, 157, 100);
            long size = parseNumber(h, 124, 12, "size", pos, displayName);
            if (pax.containsKey("size")) {
                size = parsePaxSize(pax.get("size"), pos, displayName);
            }
            if (size < 0) {
                throw new OciException(displayName + ": tar header at byte " + pos + " has a negative size");
            }
            long dataStart = pos + BLOCK;
            boolean headerOnly = flag == '1' || flag == '2' || flag == '3' || flag == '4' || flag == '5' || flag == '6';
            long dataSize = headerOnly ? 0 : size;
            if (dataSize > length - dataStart) {
                throw new OciException(displayName + ": tar entry '" + name + "' claims " + size + " bytes but only "
                        + (length - dataStart) + " remain in the file: the archive is truncated or corrupt");
            }
            long next = dataStart + roundUp(dataSize);
            switch (flag) {
                case 'x', 'g' -> {
                    Map<String, String> records = parsePax(readData(channel, dataStart, dataSize, name, displayName), pos, displayName);
                    if (flag == 'x') {
                        // only what changes how the entry is indexed is kept, so a stream of PAX headers cannot pile up
                        for (String key : List.of("path", "linkpath", "size")) {
                            if (records.containsKey(key)) {
                                pax.put(key, records.get(key));
                            }
                        }
                    }
                    pos = next;
                    continue;
                }
                case 'L' -> {
                    gnuLongName = cString(readData(channel, dataStart, dataSize, name, displayName));
                    pos = next;
                    continue;
                }
                case 'K' -> {
                    gnuLongLink = cString(readData(channel, dataStart, dataSize, name, displayName));
                    pos = next;
                    continue;
                }
                case 'S' -> throw new OciException(displayName + ": tar entry '" + name
                        + "' is a GNU sparse file, which image archives never contain");
                default -> {
                }
            }
            if (gnuLongName != null) {
                name = gnuLongName;
            }
            if (pax.containsKey("path")) {
                name = pax.get("path");
            }
            if (gnuLongLink != null) {
                linkName = gnuLongLink;
            }
            if (pax.containsKey("linkpath")) {
                linkName = pax.get("linkpath");
            }
            pax.clear();
            gnuLongName = null;
            gnuLongLink = null;

            Type type = switch (flag) {
                case '0', '\0', '7' -> name.endsWith("/") && flag == '\0' ? Type.DIRECTORY : Type.FILE;
                case '5' -> Type.DIRECTORY;
                case '2' -> Type.SYMLINK;
                case '1' -> Type.HARDLINK;
                default -> Type.OTHER;
            };
            String cleaned = checkName(name, pos, displayName);
            if (!cleaned.isEmpty()) {
                Entry entry = new Entry(cleaned, type, flag, dataStart, dataSize, linkName);
                Entry previous = entries.putIfAbsent(cleaned, entry);
                if (previous != null && !(previous.type() == Type.DIRECTORY && type == Type.DIRECTORY)) {
                    throw new OciException(displayName + ": the archive holds '" + cleaned + "' twice; refusing an archive"
                            + " whose content depends on which copy a reader picks");
                }
                if (entries.size() > MAX_ENTRIES) {
                    throw new OciException(displayName + ": more than " + MAX_ENTRIES + " tar entries; this is not an image archive");
                }
            }
            pos = next;
        }
        return Collections.unmodifiableMap(entries);
    }

    private static String checkName(String name, long pos, String displayName) {
        if (name.indexOf('\0') >= 0) {
            throw new OciException(displayName + ": tar entry at byte " + pos + " has a NUL character in its name");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new OciException(displayName + ": tar entry '" + name + "' contains '..'; refusing an archive with"
                        + " names that climb out of it");
            }
        }
        return clean(name);
    }

    private static long roundUp(long size) {
        long rem = size % BLOCK;
        return rem == 0 ? size : size + (BLOCK - rem);
    }

    private static boolean isZeros(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void verifyChecksum(byte[] h, long pos, String displayName) {
        long stored = parseNumber(h, 148, 8, "checksum", pos, displayName);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = (i >= 148 && i < 156) ? (byte) ' ' : h[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw new OciException(displayName + ": bad tar header checksum at byte " + pos
                    + " (the file is corrupt, or not a tar archive)");
        }
    }

    /** Octal (NUL or space terminated) or, when the high bit is set, GNU base-256 big-endian. */
    static long parseNumber(byte[] h, int off, int len, String field, long pos, String displayName) {
        if ((h[off] & 0x80) != 0) {
            if ((h[off] & 0x40) != 0) {
                throw new OciException(displayName + ": tar header at byte " + pos + " has a negative " + field);
            }
            long v = h[off] & 0x3f;
            for (int i = 1; i < len; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    throw new OciException(displayName + ": tar header at byte " + pos + " has an absurd " + field);
                }
                v = (v << 8) | (h[off + i] & 0xff);
            }
            return v;
        }
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && (h[i] == ' ' || h[i] == 0)) {
            i++;
        }
        boolean any = false;
        for (; i < end; i++) {
            byte b = h[i];
            if (b == 0 || b == ' ') {
                break;
            }
            if (b < '0' || b > '7') {
                throw new OciException(displayName + ": tar header at byte " + pos + " has a malformed " + field
                        + " field (the file is corrupt, or not a tar archive)");
            }
            v = v * 8 + (b - '0');
            any = true;
        }
        return any ? v : 0;
    }

    private static long parsePaxSize(String value, long pos, String displayName) {
        try {
            long v = Long.parseLong(value.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new OciException(displayName + ": PAX header before byte " + pos + " has an invalid size '" + value + "'");
        }
    }

    private static byte[] readData(FileChannel channel, long offset, long size, String name, String displayName) throws IOException {
        if (size > MAX_EXTENDED_HEADER) {
            throw new OciException(displayName + ": extended tar header '" + name + "' is " + size
                    + " bytes; refusing more than " + MAX_EXTENDED_HEADER);
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        readFully(channel, buf, offset, displayName);
        return buf.array();
    }

    /** "len key=value\n" records; len counts the whole record including itself. */
    private static Map<String, String> parsePax(byte[] data, long pos, String displayName) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < data.length) {
            if (data[i] == 0) {
                break;
            }
            int space = i;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new OciException(displayName + ": malformed PAX header before byte " + pos);
            }
            if (len <= space - i + 1 || i + len > data.length || data[i + len - 1] != '\n') {
                throw new OciException(displayName + ": malformed PAX header before byte " + pos);
            }
            String record = new String(data, space + 1, i + len - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq <= 0) {
                throw new OciException(displayName + ": malformed PAX record before byte " + pos);
            }
            out.put(record.substring(0, eq), record.substring(eq + 1));
            i += len;
        }
        return out;
    }

    private static String cString(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static String cString(byte[] data) {
        return cString(data, 0, data.length);
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long pos, String displayName) throws IOException {
        long p = pos;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, p);
            if (n < 0) {
                throw new EOFException(displayName + ": unexpected end of file at byte " + p);
            }
            p += n;
        }
    }

    /** Positional reads, so several entries can be read at once from the one channel. */
    private final class RegionInputStream extends InputStream {
        private final Entry entry;
        private long position;
        private final long end;

        RegionInputStream(Entry entry) {
            this.entry = entry;
            this.position = entry.offset();
            this.end = entry.offset() + entry.size();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            int want = (int) Math.min(len, end - position);
            int n = channel.read(ByteBuffer.wrap(b, off, want), position);
            if (n < 0) {
                throw new EOFException(displayName + ": '" + entry.name() + "' ends early: the archive was truncated"
                        + " after it was opened");
            }
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long s = Math.max(0, Math.min(n, end - position));
            position += s;
            return s;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }
    }
}
