package dev.lading.scan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DistroTest {

    @Test
    void debianBookworm() {
        Distro d = Distro.parse(DpkgCatalogerTest.OS_RELEASE).orElseThrow();
        assertThat(d).isEqualTo(new Distro("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", List.of()));
        assertThat(d.purlQualifier()).isEqualTo("debian-12");
    }

    @Test
    void ubuntuWithIdLikeAndSingleQuotes() {
        Distro d = Distro.parse("ID=ubuntu\nID_LIKE='debian'\nVERSION_ID=\"24.04\"\n# comment\n\nVERSION_CODENAME=noble\n").orElseThrow();
        assertThat(d.idLike()).containsExactly("debian");
        assertThat(d.purlQualifier()).isEqualTo("ubuntu-24.04");
    }

    @Test
    void sidHasNoVersionSoTheCodenameStandsIn() {
        Distro d = Distro.parse("PRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\nID=debian\nVERSION_CODENAME=trixie\n").orElseThrow();
        assertThat(d.versionId()).isNull();
        assertThat(d.purlQualifier()).isEqualTo("debian-trixie");
    }

    @Test
    void noIdNoDistro() {
        assertThat(Distro.parse("NAME=whatever\nnonsense\n=x\n")).isEmpty();
        assertThat(Distro.parse("")).isEmpty();
    }

    @Test
    void escapedQuotesInsideAValue() {
        assertThat(Distro.parse("ID=x\nPRETTY_NAME=\"say \\\"hi\\\"\"\n").orElseThrow().prettyName()).isEqualTo("say \"hi\"");
    }
}
