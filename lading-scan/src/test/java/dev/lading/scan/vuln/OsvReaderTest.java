package dev.lading.scan.vuln;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OsvReaderTest {

    static List<OsvRecord> read(String json) throws Exception {
        return OsvReader.read(new ByteArrayInputStream(OsvTestData.utf8(json)), "test.json");
    }

    @Test
    void readsWhatMatchingNeeds() throws Exception {
        OsvRecord r;
        try (InputStream in = Files.newInputStream(OsvTestData.records().resolve("debian/DSA-0001-1.json"))) {
            r = OsvReader.read(in, "DSA-0001-1.json").get(0);
        }
        assertThat(r.id()).isEqualTo("DSA-0001-1");
        assertThat(r.cves()).containsExactly("CVE-2099-0001");
        assertThat(r.modified()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(r.isWithdrawn()).isFalse();
        assertThat(r.affected()).hasSize(2);
        OsvRecord.Affected a = r.affected().get(0);
        assertThat(a.ecosystem()).isEqualTo("Debian:12");
        assertThat(a.ecosystemBase()).isEqualTo("Debian");
        assertThat(a.ranges().get(0).events()).containsExactly(
                new OsvRecord.Event(OsvRecord.EventKind.INTRODUCED, "0"), new OsvRecord.Event(OsvRecord.EventKind.FIXED, "1.2.13.1"));
        assertThat(r.severity()).containsExactly(new OsvRecord.Score("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
    }

    @Test
    void theCompactFormReadsBackTheSame() throws Exception {
        for (String f : List.of("debian/DSA-0001-1.json", "debian/DSA-0003-1.json", "pypi/GHSA-aaaa-bbbb-cccc.json", "debian/DEBIAN-CVE-2099-0002.json")) {
            OsvRecord r;
            try (InputStream in = Files.newInputStream(OsvTestData.records().resolve(f))) {
                r = OsvReader.read(in, f).get(0);
            }
            assertThat(OsvReader.parse(OsvReader.toJson(r), "again")).isEqualTo(r);
        }
    }

    @Test
    void wrongTypesAndMissingFieldsNameTheFileAndField() {
        assertThatThrownBy(() -> read("{\"modified\": \"2026-01-01T00:00:00Z\"}")).isInstanceOf(OsvFormatException.class)
                .hasMessage("test.json: no id");
        assertThatThrownBy(() -> read("{\"id\": 7}")).hasMessageContaining("test.json: id must be a non-empty string, not number");
        assertThatThrownBy(() -> read("{\"id\": \"X-1\", \"affected\": {}}")).hasMessageContaining("test.json (X-1): affected must be an array");
        assertThatThrownBy(() -> read("{\"id\": \"X-1\", \"modified\": \"yesterday\"}")).hasMessageContaining("modified must be an RFC 3339 time");
        assertThatThrownBy(() -> read("""
                {"id": "X-1", "affected": [{"package": {"ecosystem": "npm", "name": "a"},
                  "ranges": [{"type": "SEMVER", "events": [{"introduced": "0", "fixed": "1.0.0"}]}]}]}"""))
                .hasMessageContaining("affected[0].ranges[0].events[0]: an event has exactly one of");
        assertThatThrownBy(() -> read("""
                {"id": "X-1", "affected": [{"package": {"ecosystem": "npm", "name": "a"},
                  "ranges": [{"type": "SEMVER", "events": [{"fixed": 1}]}]}]}"""))
                .hasMessageContaining("fixed must be a non-empty string, not number");
        assertThatThrownBy(() -> read("[1, 2")).hasMessageContaining("test.json: not valid JSON");
        assertThatThrownBy(() -> read("\"just a string\"")).hasMessageContaining("a JSON object, not string");
        assertThatThrownBy(() -> read("{\"id\": \"a\", \"id\": \"b\"}")).hasMessageContaining("not valid JSON");
    }

    @Test
    void optionalPartsMayBeMissingAndUnknownRangeTypesAreSkipped() throws Exception {
        OsvRecord r = read("""
                {"id": "X-1", "affected": [{"package": {"ecosystem": "npm", "name": "a"},
                  "ranges": [{"type": "FUTURE", "events": [{"introduced": "0"}]}]}, {"ranges": []}],
                 "some_new_field": {"x": [1, 2]}}""").get(0);
        assertThat(r.modified()).isEqualTo(Instant.EPOCH);
        assertThat(r.affected().get(0).ranges()).isEmpty();
        assertThat(r.affected().get(1).name()).isEmpty();
    }

    @Test
    void hugeInputIsRefusedWithoutReadingItAll() {
        InputStream endless = new InputStream() {
            long n;

            @Override
            public int read() {
                return n++ == 0 ? '[' : ' ';
            }
        };
        assertThatThrownBy(() -> OsvReader.read(endless, "huge.json")).isInstanceOf(OsvFormatException.class)
                .hasMessageContaining("huge.json: larger than 16 MiB");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"id\": \"X\", \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> read(deep)).isInstanceOf(OsvFormatException.class).hasMessageContaining("test.json");
    }
}
