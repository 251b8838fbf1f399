package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld010CopyNotAddTest {
    private final Ld010CopyNotAdd rule = new Ld010CopyNotAdd();

    @Test
    void firesOnPlainFilesAndUncheckedUrls() {
        assertThat(lines(rule, "FROM a:1\nADD app.jar /app/\nADD https://example.com/x.tgz /opt/\n")).containsExactly(2, 3);
        assertThat(lines(rule, "FROM a:1\nARG URL=https://example.com/x\nADD ${URL} /x\n")).containsExactly(3);
    }

    @Test
    void silentOnArchivesCheckedUrlsGitAndUnresolved() {
        assertThat(lines(rule, """
                FROM a:1
                ADD rootfs.tar.gz /
                ADD --checksum=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef https://example.com/x /x
                ADD https://github.com/moby/buildkit.git#v0.14 /src
                ADD $SRC /dst
                COPY app.jar /app/
                """)).isEmpty();
    }
}
