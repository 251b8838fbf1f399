package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3013PipPinTest {
    private final Dl3013PipPin rule = new Dl3013PipPin();

    @Test
    void firesOnUnpinnedPackages() {
        assertThat(lines(rule, "FROM a:1\nRUN pip install flask\nRUN python3 -m pip install --user requests==2.31 six\n"))
                .containsExactly(2, 3);
        assertThat(lint(rule, "FROM a:1\nRUN pip install flask\n").get(0).message()).contains("flask==<version>");
    }

    @Test
    void firesOnAPackageGivenThroughAKnownArg() {
        assertThat(lines(rule, "FROM a:1\nARG PKG=flask\nRUN pip install $PKG\n")).containsExactly(3);
    }

    @Test
    void silentOnPinsFilesPathsAndUrls() {
        assertThat(lines(rule, """
                FROM a:1
                RUN pip install flask==3.0.0 'django>=4,<5' six~=1.16 "pkg[extra]==1.2"
                RUN pip install -r requirements.txt --no-cache-dir -c constraints.txt
                RUN pip install . ./wheels/app-1.0-py3-none-any.whl /tmp/x.tar.gz
                RUN pip install git+https://github.com/a/b@v1.0 -e ./src
                RUN pip install --index-url https://mirror/simple flask==3.0
                RUN pip freeze && pip download flask
                """)).isEmpty();
    }

    @Test
    void silentWhenThePackageIsUnknown() {
        assertThat(lines(rule, "FROM a:1\nARG PKG\nRUN pip install $PKG\n")).isEmpty();
    }
}
