package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3008AptPinTest {
    private final Dl3008AptPin rule = new Dl3008AptPin();

    @Test
    void firesPerUnpinnedPackageIncludingPackagesFromArgs() {
        assertThat(lint(rule, "FROM d:1\nRUN apt-get install -y curl=8.5.0-1 wget\n"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("'wget'"));
        assertThat(lint(rule, "FROM d:1\nARG PKGS=\"git make\"\nRUN apt-get install -y $PKGS\n")).hasSize(2);
    }

    @Test
    void silentForPinsFilesAndUnknownValues() {
        assertThat(lines(rule, "FROM d:1\nRUN apt-get install -y curl=8.5 ./x.deb -t bookworm-backports\n")).isEmpty();
        assertThat(lines(rule, "FROM d:1\nRUN apt-get install -y $PKGS\n")).isEmpty();
        assertThat(lines(rule, "FROM d:1\nARG V\nRUN apt-get install -y curl=$V\n")).isEmpty();
    }

    @Test
    void seesInstallsInsideCommandSubstitutions() {
        assertThat(lines(rule, "FROM d:1\nRUN echo \"$(apt-get install -y curl)\"\nRUN X=`apt-get install -y wget=1.2`\n"))
                .containsExactly(2);
    }
}
