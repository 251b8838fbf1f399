package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld023LockfilesTest {
    private final Ld023Lockfiles rule = new Ld023Lockfiles();

    @Test
    void firesOnInstallsThatMayRewriteTheLockfile() {
        assertThat(lines(rule, """
                FROM a:1
                RUN npm install
                RUN pnpm install
                RUN yarn
                RUN uv sync
                RUN cargo build --release
                RUN pip install -r requirements.txt
                """)).containsExactly(2, 3, 4, 5, 6, 7);
    }

    @Test
    void silentForLockedInstallsAndNamedPackages() {
        assertThat(lines(rule, """
                FROM a:1
                RUN npm ci && npm install -g pnpm@9 && npm install left-pad@1.3.0
                RUN pnpm install --frozen-lockfile
                RUN yarn install --immutable && yarn --frozen-lockfile
                RUN uv sync --locked && cargo build --locked
                RUN pip install --require-hashes -r requirements.txt
                RUN $PM install
                """)).isEmpty();
    }
}
