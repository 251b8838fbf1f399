package dev.lading.lint.rules;

import static dev.lading.lint.rules.Dl3055LabelGitHashTest.lines;
import static dev.lading.lint.rules.Dl3055LabelGitHashTest.schema;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3053LabelTimeTest {
    private final Dl3053LabelTime rule = new Dl3053LabelTime();

    @Test
    void firesOnTimesThatAreNotRfc3339() {
        assertThat(lines(rule, schema("created", "rfc3339"), """
                FROM a:1
                LABEL created=2026-12-05
                LABEL created=2026-12-05T10:00:00
                LABEL created=2026-02-30T10:00:00Z
                LABEL created=yesterday
                """)).containsExactly(2, 3, 4, 5);
    }

    @Test
    void silentOnRfc3339Times() {
        assertThat(lines(rule, schema("created", "rfc3339"), """
                FROM a:1
                LABEL created=2026-12-05T10:00:00Z
                LABEL created=2026-12-05t10:00:00.123+01:00
                LABEL created="2026-12-05 10:00:00-05:00"
                """)).isEmpty();
    }
}
