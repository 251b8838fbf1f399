package dev.lading.scan;

import dev.lading.oci.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQLite reader against databases the sqlite3 CLI writes: every value type, rows that overflow pages,
 * tables deep enough for interior pages, page sizes and text encodings; then against damage only a hostile file
 * has (cycles).
 */
@Tag("integration")
class SqliteReaderTest {
    @TempDir
    Path tmp;

    /** Never a whole number in the REAL column: SQLite stores those as integers on disk (a documented space saving). */
    private byte[] database(String pragmas, int rows) throws Exception {
        Tools.require("sqlite3", "sqlite3");
        Path db = tmp.resolve("t" + System.nanoTime() + ".sqlite");
        String sql = pragmas + "CREATE TABLE other (x TEXT); INSERT INTO other VALUES ('ignored');"
                + "CREATE TABLE t (id INTEGER PRIMARY KEY, small INTEGER, big INTEGER, neg INTEGER, f REAL, s TEXT, b BLOB, n);"
                + "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < " + rows + ") "
                + "INSERT INTO t SELECT i, i % 100, i * 1099511627776, -i, (i + 0.5) / 4.0, 'row ' || i || ' \u00e9', "
                + "CASE WHEN i % 50 = 0 THEN zeroblob(20000 + i) ELSE x'00ff' END, NULL FROM c;";
        Tools.ok(tmp, "sqlite3", db.toString(), sql);
        return Files.readAllBytes(db);
    }

    private static List<SqliteReader.Row> rows(SqliteReader r, String table) {
        List<SqliteReader.Row> out = new ArrayList<>();
        r.rows(r.rootPage(table).orElseThrow(), out::add);
        return out;
    }

    private static void checkRows(List<SqliteReader.Row> rows, int count) {
        assertThat(rows).hasSize(count);
        for (int k = 0; k < count; k++) {
            long i = k + 1;
            SqliteReader.Row row = rows.get(k);
            assertThat(row.rowid()).isEqualTo(i);
            List<Object> v = row.values();
            assertThat(v.get(0)).isNull(); // the INTEGER PRIMARY KEY is the rowid
            assertThat(v.subList(1, 6)).containsExactly(i % 100, i * 1099511627776L, -i, (i + 0.5) / 4.0, "row " + i + " \u00e9");
            byte[] blob = (byte[]) v.get(6);
            assertThat(blob).hasSize(i % 50 == 0 ? (int) (20000 + i) : 2);
            assertThat(v.get(7)).isNull();
        }
    }

    @Test
    void everyRowOfATableComesBackAsSqliteWroteIt() throws Exception {
        SqliteReader r = SqliteReader.open(database("", 3000));
        checkRows(rows(r, "t"), 3000);
        assertThat(rows(r, "OTHER")).singleElement().extracting(SqliteReader.Row::values).isEqualTo(List.of("ignored"));
        assertThat(r.rootPage("missing")).isEmpty();
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void pageSizesAndTextEncodings() throws Exception {
        for (String pragmas : List.of("PRAGMA page_size=512;", "PRAGMA page_size=65536;", "PRAGMA encoding='UTF-16le';",
                "PRAGMA encoding='UTF-16be'; PRAGMA page_size=1024;", "PRAGMA journal_mode=WAL;")) {
            SqliteReader r = SqliteReader.open(database(pragmas, 400));
            checkRows(rows(r, "t"), 400);
            assertThat(r.problems()).as(pragmas).isEmpty();
        }
    }

    @Test
    void aPageThatPointsBackIntoItsOwnTreeIsReadOnce() throws Exception {
        byte[] db = database("PRAGMA page_size=1024;", 2000);
        SqliteReader clean = SqliteReader.open(db);
        int root = clean.rootPage("t").orElseThrow();
        int base = (root - 1) * 1024;
        assertThat(db[base]).as("the root of a 2000-row table is an interior page").isEqualTo((byte) 0x05);
        // the right-most child pointer of the root, pointed at the root itself
        db[base + 8] = (byte) (root >>> 24);
        db[base + 9] = (byte) (root >>> 16);
        db[base + 10] = (byte) (root >>> 8);
        db[base + 11] = (byte) root;
        SqliteReader r = SqliteReader.open(db);
        List<SqliteReader.Row> rows = rows(r, "t");
        assertThat(rows.size()).isLessThan(2000);
        assertThat(r.problems()).anyMatch(p -> p.contains("cycle"));
    }

    @Test
    void aTruncatedFileLosesOnlyWhatIsMissing() throws Exception {
        byte[] db = database("", 2000);
        SqliteReader r = SqliteReader.open(Arrays.copyOf(db, db.length / 2));
        List<SqliteReader.Row> rows = new ArrayList<>();
        r.rootPage("t").ifPresent(root -> r.rows(root, rows::add));
        assertThat(rows.size()).isLessThan(2000);
        assertThat(r.problems()).isNotEmpty();
    }
}
