package dev.lading.scan;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Reads every row of one table of an SQLite 3 database file, in pure Java and read-only: only as much of the file
 * format (sqlite.org/fileformat2.html) as that needs: the header, table b-tree pages (interior and leaf), the
 * record format, overflow pages, and {@code sqlite_schema} to find a table's root page. Indexes, free pages,
 * the WAL and pointer-map pages are not read. Pure Java because the alternatives load native code (sqlite-jdbc)
 * just to read one table of a file that is already in memory.
 *
 * <p>The file is hostile: every page number, offset and length is checked against the file before use, a page
 * reached twice (a cycle) ends that branch, and no allocation is larger than the file. Structural damage
 * becomes a message in {@link #problems()}, never an exception from {@link #rows}.
 */
final class SqliteReader {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int LEAF_TABLE = 0x0d;
    private static final int INTERIOR_TABLE = 0x05;
    private static final int MAX_PROBLEMS = 20;

    /** One row: its rowid and its column values (null, Long, Double, String or byte[]). */
    record Row(long rowid, List<Object> values) {
    }

    @FunctionalInterface
    interface RowVisitor {
        void row(Row row);
    }

    private final byte[] db;
    private final int pageSize;
    private final int usable;
    private final int pageCount;
    private final Charset text;
    private final List<String> problems = new ArrayList<>();

    private SqliteReader(byte[] db, int pageSize, int usable, int pageCount, Charset text) {
        this.db = db;
        this.pageSize = pageSize;
        this.usable = usable;
        this.pageCount = pageCount;
        this.text = text;
    }

    /** Checks the header; an IOException says why the file is not a database this reader can read. */
    static SqliteReader open(byte[] db) throws IOException {
        if (db.length < 100 || !Arrays.equals(db, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException("not an SQLite 3 database");
        }
        int raw = u16(db, 16);
        int pageSize = raw == 1 ? 65536 : raw;
        if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
            throw new IOException("an SQLite page size of " + raw);
        }
        int reserved = db[20] & 0xff;
        int usable = pageSize - reserved;
        if (usable < 480) {
            throw new IOException("an SQLite usable page size of " + usable);
        }
        Charset text = switch ((int) u32(db, 56)) {
            case 0, 1 -> StandardCharsets.UTF_8; // 0: an empty database that never had a text encoding set
            case 2 -> StandardCharsets.UTF_16LE;
            case 3 -> StandardCharsets.UTF_16BE;
            default -> throw new IOException("an unknown SQLite text encoding " + u32(db, 56));
        };
        // the page count in the header can be stale (legacy writers); what the file holds is what can be read
        return new SqliteReader(db, pageSize, usable, db.length / pageSize, text);
    }

    /** Whether the header says the database is in WAL mode: then recent changes may be in the -wal file beside it. */
    boolean walMode() {
        return db[18] == 2 || db[19] == 2;
    }

    /** What was damaged and skipped, in the order found (the first {@value #MAX_PROBLEMS}). */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** The root page of the table named {@code name} (compared ignoring ASCII case, as SQLite does). */
    Optional<Integer> rootPage(String name) {
        Integer[] found = {null};
        rows(1, r -> {
            List<Object> v = r.values();
            if (found[0] == null && v.size() >= 4 && "table".equals(v.get(0)) && v.get(1) instanceof String n && n.equalsIgnoreCase(name)
                    && v.get(3) instanceof Long root && root >= 1 && root <= pageCount) {
                found[0] = root.intValue();
            }
        });
        return Optional.ofNullable(found[0]);
    }

    /** Every row of the table b-tree rooted at {@code root}, in b-tree order; damaged cells and pages are skipped. */
    void rows(int root, RowVisitor visitor) {
        BitSet seen = new BitSet();
        Deque<Integer> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            int page = pending.pop();
            if (page < 1 || page > pageCount) {
                problem("a b-tree page number " + page + " outside the file's " + pageCount + " pages");
                continue;
            }
            if (seen.get(page)) {
                problem("b-tree page " + page + " is reached twice (a cycle); not read again");
                continue;
            }
            seen.set(page);
            int base = (page - 1) * pageSize;
            int header = page == 1 ? base + 100 : base;
            int type = db[header] & 0xff;
            int cells = u16(db, header + 3);
            int headerSize = type == INTERIOR_TABLE ? 12 : 8;
            if (type != LEAF_TABLE && type != INTERIOR_TABLE) {
                problem("page " + page + " is not a table b-tree page (type " + type + ")");
                continue;
            }
            if (header + headerSize + 2L * cells > base + usable) {
                problem("page " + page + " claims " + cells + " cells, more than fit");
                continue;
            }
            List<Integer> children = new ArrayList<>();
            for (int i = 0; i < cells; i++) {
                int cell = base + u16(db, header + headerSize + 2 * i);
                if (cell < header + headerSize || cell >= base + usable) {
                    problem("page " + page + " cell " + i + " points outside the page");
                    continue;
                }
                try {
                    if (type == INTERIOR_TABLE) {
                        if (cell + 4 > base + usable) {
                            throw new IOException("a child page number that runs past the page");
                        }
                        children.add((int) Math.min(u32(db, cell), Integer.MAX_VALUE));
                    } else {
                        visitor.row(leafCell(cell, base + usable));
                    }
                } catch (IOException e) {
                    problem("page " + page + " cell " + i + ": " + e.getMessage());
                }
            }
            if (type == INTERIOR_TABLE) {
                children.add((int) Math.min(u32(db, header + 8), Integer.MAX_VALUE));
                // pushed in reverse so rows come out in key order
                for (int i = children.size() - 1; i >= 0; i--) {
                    pending.push(children.get(i));
                }
            }
        }
    }

    private Row leafCell(int at, int pageEnd) throws IOException {
        long[] p = {at};
        long payload = varint(p, pageEnd);
        long rowid = varint(p, pageEnd);
        int x = usable - 35;
        int m = ((usable - 12) * 32 / 255) - 23;
        // a payload cannot be larger than the overflow pages the file could hold for it
        if (payload < 0 || payload > (long) pageCount * usable) {
            throw new IOException("a payload of " + Long.toUnsignedString(payload) + " bytes, more than the file holds");
        }
        int local;
        if (payload <= x) {
            local = (int) payload;
        } else {
            int k = (int) (m + (payload - m) % (usable - 4));
            local = k <= x ? k : m;
        }
        int start = (int) p[0];
        if (start + (long) local > pageEnd) {
            throw new IOException("a cell that runs past its page");
        }
        byte[] data = new byte[(int) payload];
        System.arraycopy(db, start, data, 0, local);
        if (local < payload) {
            if (start + (long) local + 4 > pageEnd) {
                throw new IOException("a cell whose overflow page number runs past its page");
            }
            overflow(u32(db, start + local), data, local);
        }
        return new Row(rowid, record(data));
    }

    /** Copies the overflow chain starting at {@code page} into {@code data} from {@code from}. */
    private void overflow(long page, byte[] data, int from) throws IOException {
        BitSet chain = new BitSet();
        int filled = from;
        while (filled < data.length) {
            if (page < 1 || page > pageCount) {
                throw new IOException("an overflow page number " + page + " outside the file");
            }
            if (chain.get((int) page)) {
                throw new IOException("an overflow chain that loops back to page " + page);
            }
            chain.set((int) page);
            int base = (int) ((page - 1) * pageSize);
            int n = Math.min(usable - 4, data.length - filled);
            System.arraycopy(db, base + 4, data, filled, n);
            filled += n;
            page = u32(db, base);
        }
    }

    /** The record format: a header of serial types, then the values. */
    private List<Object> record(byte[] r) throws IOException {
        long[] p = {0};
        long headerSize = varint(r, p, r.length);
        if (headerSize < 1 || headerSize > r.length) {
            throw new IOException("a record header of " + headerSize + " bytes in a record of " + r.length);
        }
        List<Long> types = new ArrayList<>();
        while (p[0] < headerSize) {
            types.add(varint(r, p, (int) headerSize));
        }
        List<Object> values = new ArrayList<>(types.size());
        long at = headerSize;
        for (long t : types) {
            long len = t < 0 ? -1 : serialLength(t);
            if (len < 0 || at + len > r.length) {
                throw new IOException("a record value that runs past the record");
            }
            int a = (int) at;
            values.add(switch ((int) Math.min(t, 13)) {
                case 0 -> null;
                case 1, 2, 3, 4, 5, 6 -> signed(r, a, (int) len);
                case 7 -> Double.longBitsToDouble(signed(r, a, 8));
                case 8 -> 0L;
                case 9 -> 1L;
                case 10, 11 -> throw new IOException("a reserved serial type " + t);
                default -> t % 2 == 0 ? Arrays.copyOfRange(r, a, a + (int) len) : new String(r, a, (int) len, text);
            });
            at += len;
        }
        return values;
    }

    private static long serialLength(long t) {
        if (t >= 12) {
            return (t - (t % 2 == 0 ? 12 : 13)) / 2;
        }
        return switch ((int) t) {
            case 1 -> 1;
            case 2 -> 2;
            case 3 -> 3;
            case 4 -> 4;
            case 5 -> 6;
            case 6, 7 -> 8;
            default -> 0;
        };
    }

    private static long signed(byte[] r, int at, int len) {
        long v = r[at]; // sign-extended first byte
        for (int i = 1; i < len; i++) {
            v = (v << 8) | (r[at + i] & 0xff);
        }
        return v;
    }

    private long varint(long[] p, int end) throws IOException {
        return varint(db, p, end);
    }

    /** SQLite's big-endian varint: up to 9 bytes, the ninth contributing all 8 of its bits. */
    private static long varint(byte[] b, long[] p, int end) throws IOException {
        long v = 0;
        for (int i = 0; i < 9; i++) {
            if (p[0] >= end) {
                throw new IOException("a varint that runs past its page or record");
            }
            int x = b[(int) p[0]++] & 0xff;
            if (i == 8) {
                return (v << 8) | x;
            }
            v = (v << 7) | (x & 0x7f);
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        return v;
    }

    private void problem(String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(message);
        }
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
