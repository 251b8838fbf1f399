package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3016NpmPinTest {
    private final Dl3016NpmPin rule = new Dl3016NpmPin();

    @Test
    void firesOnUnpinnedPackages() {
        assertThat(lint(rule, "FROM a:1\nRUN npm install -g typescript @angular/cli@17 @scope/x\n")).hasSize(2);
    }

    @Test
    void silentOnPinsPathsAndProjectInstalls() {
        assertThat(lines(rule, "FROM a:1\nRUN npm install && npm i express@4.19.2 ./local git+https://x/y.git x.tgz\n"))
                .isEmpty();
    }
}
