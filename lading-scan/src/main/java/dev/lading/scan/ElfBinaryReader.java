package dev.lading.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads what the binary catalogers need from an ELF file in one forward pass, as its layer streams past, in
 * bounded memory: the Go build info ({@link GoBinaryCataloger}) and the {@code .dep-v0} section that
 * cargo-auditable embeds ({@link RustBinaryCataloger}). One reader serves both so that whichever of the two
 * catalogers is asked first for a file (the walk gives each file to one summarizer) keeps what both need.
 *
 * <p>Go: the build info blob starts with the 16-byte-aligned magic {@code "\xff Go buildinf:"} near the start
 * of the data segment. Without seeking we cannot go to the {@code .go.buildinfo} section (the section headers
 * are at the end of the file), so the stream is searched for the magic at aligned offsets and a candidate is
 * accepted only if its header is sane (pointer size 4 or 8, and a version string starting with {@code go}):
 * that rejects the same bytes appearing as a constant in a program that imports {@code debug/buildinfo}.
 * Only the Go 1.18+ layout (strings inline after the header) is read; the older one holds pointers into
 * rodata, which a forward pass has already passed, and is reported as unsupported.
 *
 * <p>cargo-auditable: the section headers are at {@code e_shoff}, which the ELF header gives up front, and
 * linkers put non-allocated sections such as {@code .dep-v0} (cargo auditable writes it with no flags) after the
 * loaded ones, just before the section headers in a stripped binary, so only a window of
 * {@link #TAIL_WINDOW} bytes before the section headers is kept. A {@code .dep-v0} outside that window is
 * reported, not read.
 */
final class ElfBinaryReader {
    /** Bytes kept before the section header table: where non-allocated sections (.dep-v0, .comment, .shstrtab) sit. */
    static final int TAIL_WINDOW = 16 << 20;
    /** At most this much of a file is read at all; the build info and section headers of larger files are not looked for. */
    static final long MAX_READ = 2L << 30;
    /** The Go version and modinfo strings that follow the build info header: 1 MiB is ten times Kubernetes'. */
    static final int GO_CAPTURE = 1 << 20;
    /** A compressed .dep-v0 larger than this is not kept. */
    static final int MAX_DEP_V0 = 8 << 20;

    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};
    static final byte[] GO_MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int GO_HEADER = 32;
    /** Bytes needed after a magic to judge it: the header, a one-byte length and "go". */
    private static final int GO_PROBE = GO_HEADER + 3;
    private static final int CHUNK = 64 * 1024;
    private static final String DEP_V0 = ".dep-v0";

    /** The Go build info strings, as stored: {@code runtime.buildVersion} and the modinfo text (sentinels stripped). */
    record GoBuildInfo(String goVersion, String modInfo) {
    }

    /**
     * What was found in one ELF file.
     *
     * @param go          null when the file holds no (supported) Go build info
     * @param cargoAudit  the compressed contents of {@code .dep-v0}; null when there is none
     * @param goProblems      why Go build info that seemed to be there could not be read, for warnings
     * @param sectionProblems why the sections could not be looked at, for warnings
     */
    record ElfBinary(GoBuildInfo go, byte[] cargoAudit, List<String> goProblems, List<String> sectionProblems) {
        ElfBinary {
            goProblems = List.copyOf(goProblems);
            sectionProblems = List.copyOf(sectionProblems);
        }

        boolean isEmpty() {
            return go == null && cargoAudit == null && goProblems.isEmpty() && sectionProblems.isEmpty();
        }
    }

    private ElfBinaryReader() {
    }

    /** Whether {@code path} may be an executable or shared library worth opening (the first bytes decide). */
    static boolean mayBeBinary(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return true;
        }
        String ext = name.substring(dot + 1);
        // the common file kinds that are never ELF; everything else is opened and its first 4 bytes checked
        return !switch (ext) {
            case "jar", "war", "ear", "zip", "gz", "xz", "bz2", "zst", "tar", "py", "pyc", "js", "mjs", "cjs", "ts", "json", "txt",
                 "md", "html", "htm", "css", "xml", "yaml", "yml", "toml", "ini", "conf", "cfg", "sh", "pl", "pm", "rb", "h", "hpp",
                 "c", "cc", "java", "class", "go", "rs", "png", "jpg", "jpeg", "gif", "svg", "ico", "mo", "po", "gmo", "pem", "crt",
                 "map", "properties", "list", "md5sums", "conffiles", "desktop", "service", "rules" -> true;
            default -> false;
        };
    }

    /** Null when {@code in} is not ELF; else what was found (possibly nothing). */
    static ElfBinary read(InputStream in) throws IOException {
        byte[] head = in.readNBytes(64);
        if (head.length < 52 || !Arrays.equals(head, 0, 4, ELF_MAGIC, 0, 4)) {
            return null;
        }
        Scratch scratch = Scratch.mine();
        Pass pass = new Pass(scratch);
        pass.sectionTable(head);
        boolean eof = head.length < 64;
        pass.accept(head, 0, head.length, eof);
        long pos = head.length;
        byte[] chunk = scratch.chunk;
        while (!eof && pass.wantsMore(pos) && pos < MAX_READ) {
            int n = in.readNBytes(chunk, 0, CHUNK);
            eof = n < CHUNK;
            pass.accept(chunk, pos, n, eof);
            pos += n;
        }
        pass.finish(pos, eof);
        return new ElfBinary(pass.go, pass.cargoAudit, pass.goProblems, pass.problems);
    }

    /**
     * Arrays one thread reuses from binary to binary: the read chunk and the tail window (which for most
     * binaries is the whole file), so a layer of executables and libraries is not copied into fresh arrays
     * file by file. Held softly: memory pressure may take it back between files.
     */
    private static final class Scratch {
        private static final ThreadLocal<java.lang.ref.SoftReference<Scratch>> MINE = new ThreadLocal<>();
        final byte[] chunk = new byte[CHUNK];
        private byte[] tail = new byte[0];

        static Scratch mine() {
            java.lang.ref.SoftReference<Scratch> ref = MINE.get();
            Scratch s = ref == null ? null : ref.get();
            if (s == null) {
                s = new Scratch();
                MINE.set(new java.lang.ref.SoftReference<>(s));
            }
            return s;
        }

        /** An array of at least {@code length} bytes (contents undefined). */
        byte[] tail(int length) {
            if (tail.length < length) {
                tail = new byte[Math.max(length, Math.min(TAIL_WINDOW + (1 << 20), tail.length * 2))];
            }
            return tail;
        }
    }

    /** The state of one forward pass. */
    private static final class Pass {
        private final Scratch scratch;
        final List<String> problems = new ArrayList<>();
        final List<String> goProblems = new ArrayList<>();
        // Go search: bytes of the previous chunk not yet judged, and what follows an accepted header
        private byte[] carry = new byte[0];
        private long carryAt;
        private boolean searching = true;
        private boolean oldGoFormat;
        private byte[] capture;
        private int captured;
        private ByteOrder order;
        GoBuildInfo go;
        // section headers
        private boolean is64;
        private long shoff;
        private int shentsize;
        private int shnum;
        private int shstrndx;
        private long tailStart = -1;
        private long tailEnd;
        /** The window [tailStart, tailEnd) is tail[0, tailLength): the array is reused, and may be longer. */
        private byte[] tail;
        private int tailLength;
        byte[] cargoAudit;

        Pass(Scratch scratch) {
            this.scratch = scratch;
        }

        void sectionTable(byte[] h) {
            is64 = h[4] == 2;
            if ((h[4] != 1 && h[4] != 2) || (h[5] != 1 && h[5] != 2) || (is64 && h.length < 64)) {
                problems.add("an ELF header with an unknown class or byte order");
                return;
            }
            order = h[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            ByteBuffer b = ByteBuffer.wrap(h).order(order);
            shoff = is64 ? b.getLong(0x28) : Integer.toUnsignedLong(b.getInt(0x20));
            shentsize = Short.toUnsignedInt(b.getShort(is64 ? 0x3a : 0x2e));
            shnum = Short.toUnsignedInt(b.getShort(is64 ? 0x3c : 0x30));
            shstrndx = Short.toUnsignedInt(b.getShort(is64 ? 0x3e : 0x32));
            if (shoff == 0 || shnum == 0) {
                return; // no section headers (or extended numbering, which only objects with >65279 sections use)
            }
            if (shoff < 0 || shentsize != (is64 ? 64 : 40) || shstrndx >= shnum || shoff > MAX_READ) {
                problems.add("the ELF section header table is malformed or out of reach (offset " + Long.toUnsignedString(shoff)
                        + ", entry size " + shentsize + ", " + shnum + " entries); sections not read");
                return;
            }
            tailEnd = shoff + (long) shentsize * shnum;
            tailStart = Math.max(0, shoff - TAIL_WINDOW);
        }

        boolean wantsMore(long pos) {
            return searching || (capture != null && captured < capture.length) || (tailStart >= 0 && pos < tailEnd);
        }

        void accept(byte[] chunk, long at, int n, boolean last) {
            if (tailStart >= 0 && at + n > tailStart && at < tailEnd) {
                if (tail == null) {
                    tailLength = (int) (tailEnd - tailStart);
                    tail = scratch.tail(tailLength);
                }
                long from = Math.max(at, tailStart);
                long to = Math.min(at + n, tailEnd);
                System.arraycopy(chunk, (int) (from - at), tail, (int) (from - tailStart), (int) (to - from));
            }
            if (capture != null && captured < capture.length) {
                int m = Math.min(n, capture.length - captured);
                System.arraycopy(chunk, 0, capture, captured, m);
                captured += m;
            } else if (searching) {
                search(chunk, at, n, last);
            }
        }

        /** Looks for an accepted build info header in the carried bytes plus this chunk. */
        private void search(byte[] chunk, long at, int n, boolean last) {
            // usually nothing is carried and the chunk is searched in place; the copy is for a magic at its very end
            byte[] buf = carry.length == 0 && n == chunk.length ? chunk : new byte[carry.length + n];
            if (buf != chunk) {
                System.arraycopy(carry, 0, buf, 0, carry.length);
                System.arraycopy(chunk, 0, buf, carry.length, n);
            }
            long base = carry.length == 0 ? at : carryAt;
            int p = (int) ((16 - Math.floorMod(base, 16)) % 16);
            for (; p + GO_MAGIC.length <= buf.length; p += 16) {
                if (buf[p] != (byte) 0xff || !Arrays.equals(buf, p, p + GO_MAGIC.length, GO_MAGIC, 0, GO_MAGIC.length)) {
                    continue;
                }
                if (p + GO_PROBE > buf.length && !last) {
                    break; // judged with the next chunk
                }
                if (p + GO_PROBE > buf.length) {
                    continue;
                }
                int ptrSize = buf[p + 14];
                int flags = buf[p + 15];
                if (ptrSize != 4 && ptrSize != 8) {
                    continue;
                }
                if ((flags & 2) == 0) {
                    oldGoFormat = true;
                    continue;
                }
                int len = buf[p + GO_HEADER] & 0xff;
                if (len < 3 || len > 127 || buf[p + GO_HEADER + 1] != 'g' || buf[p + GO_HEADER + 2] != 'o') {
                    continue;
                }
                searching = false;
                carry = new byte[0];
                capture = new byte[GO_CAPTURE];
                captured = Math.min(GO_CAPTURE, buf.length - (p + GO_HEADER));
                System.arraycopy(buf, p + GO_HEADER, capture, 0, captured);
                return;
            }
            // p is the first aligned offset not judged yet: carry from there (a few dozen bytes at most)
            carry = p < buf.length ? Arrays.copyOfRange(buf, p, buf.length) : new byte[0];
            carryAt = base + p;
        }

        void finish(long length, boolean eof) {
            if (capture != null) {
                go = goStrings(Arrays.copyOf(capture, captured));
            } else if (oldGoFormat) {
                goProblems.add("Go build info in the pre-Go-1.18 layout (pointers into the data), which is not read");
            }
            if (tailStart >= 0 && eof && length < tailEnd) {
                problems.add("the ELF section header table lies past the end of the file (" + length + " bytes); sections not read");
            } else if (tail != null && length >= tailEnd) {
                sections();
            }
        }

        private GoBuildInfo goStrings(byte[] data) {
            int[] at = {0};
            byte[] version = varintBytes(data, at);
            byte[] mod = version == null ? null : varintBytes(data, at);
            if (version == null || mod == null) {
                goProblems.add("the Go build info strings are truncated or longer than " + GO_CAPTURE + " bytes");
                return null;
            }
            // cmd/go wraps modinfo in two 16-byte sentinels; a string without them (or an empty one) holds no module info
            String text = mod.length >= 33 && mod[mod.length - 17] == '\n'
                    ? new String(mod, 16, mod.length - 32, StandardCharsets.UTF_8) : "";
            return new GoBuildInfo(new String(version, StandardCharsets.UTF_8), text);
        }

        /** A uvarint length, then that many bytes; null when either runs past the data. */
        private static byte[] varintBytes(byte[] d, int[] at) {
            long len = 0;
            int shift = 0;
            while (true) {
                if (at[0] >= d.length || shift > 28) {
                    return null;
                }
                int b = d[at[0]++] & 0xff;
                len |= (long) (b & 0x7f) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if (len > d.length - at[0]) {
                return null;
            }
            int start = at[0];
            at[0] += (int) len;
            return Arrays.copyOfRange(d, start, start + (int) len);
        }

        private void sections() {
            ByteBuffer b = ByteBuffer.wrap(tail, 0, tailLength).order(order);
            int tableAt = (int) (shoff - tailStart);
            long[] strtab = section(b, tableAt + shstrndx * shentsize);
            if (strtab[1] < tailStart || strtab[2] < 0 || strtab[2] > tailStart + tailLength - strtab[1]) {
                return; // the section names are outside the window: nothing to go by
            }
            for (int i = 0; i < shnum; i++) {
                long[] s = section(b, tableAt + i * shentsize);
                if (s[0] >= strtab[2]) {
                    continue;
                }
                if (!nameIs(strtab[1] - tailStart + s[0], strtab[1] - tailStart + strtab[2], DEP_V0)) {
                    continue;
                }
                long start = s[1] - tailStart;
                if (s[3] == 8) { // SHT_NOBITS: no bytes in the file
                    problems.add("its " + DEP_V0 + " section has no contents");
                } else if (s[2] > MAX_DEP_V0) {
                    problems.add("its " + DEP_V0 + " section is " + s[2] + " bytes, over the limit of " + MAX_DEP_V0 + "; not read");
                } else if (s[1] < tailStart || s[2] < 0 || s[2] > tailLength - start || s[2] > shoff - s[1]) {
                    problems.add("its " + DEP_V0 + " section (offset " + Long.toUnsignedString(s[1]) + ") is not within the " + TAIL_WINDOW
                            + " bytes before the section headers, or overlaps them; not read");
                } else {
                    cargoAudit = Arrays.copyOfRange(tail, (int) start, (int) (start + s[2]));
                }
                return;
            }
        }

        /** {name, offset, size, type} of the section header at {@code at} in the tail (offset and size as stored: may be nonsense). */
        private long[] section(ByteBuffer b, int at) {
            long name = Integer.toUnsignedLong(b.getInt(at));
            long type = Integer.toUnsignedLong(b.getInt(at + 4));
            long offset = is64 ? b.getLong(at + 0x18) : Integer.toUnsignedLong(b.getInt(at + 0x10));
            long size = is64 ? b.getLong(at + 0x20) : Integer.toUnsignedLong(b.getInt(at + 0x14));
            return new long[]{name, offset, size, type};
        }

        private boolean nameIs(long at, long end, String want) {
            if (at < 0 || end > tailLength || at + want.length() + 1 > end) {
                return false;
            }
            for (int i = 0; i < want.length(); i++) {
                if (tail[(int) at + i] != want.charAt(i)) {
                    return false;
                }
            }
            return tail[(int) at + want.length()] == 0;
        }
    }
}
