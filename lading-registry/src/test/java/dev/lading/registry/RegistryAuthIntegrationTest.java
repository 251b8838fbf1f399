package dev.lading.registry;

import dev.lading.oci.Descriptor;
import dev.lading.oci.MediaType;
import dev.lading.registry.testing.RegistryFixture;
import dev.lading.registry.testing.TokenServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
class RegistryAuthIntegrationTest {

    private static final String PASSWORD = "s3cret-Pa55word";

    @Test
    void basicAuthWithTheRightPasswordWorks() throws IOException {
        try (RegistryFixture registry = RegistryFixture.basicAuth("alice", PASSWORD)) {
            RegistryClient client = RegistryClient.create(registry.host(), CredentialProvider.of(Credentials.basic("alice", PASSWORD)),
                    RegistryOptions.defaults());
            client.ping();
            byte[] manifest = RegistryIntegrationTest.pushImage(client, "basic/app", "v1", 1);
            assertThat(client.getManifest("basic/app", "v1").raw()).isEqualTo(manifest);
        }
    }

    @Test
    void basicAuthFailuresSayWhatToDoAndNeverShowThePassword() throws IOException {
        try (RegistryFixture registry = RegistryFixture.basicAuth("alice", PASSWORD)) {
            RegistryClient wrong = RegistryClient.create(registry.host(),
                    CredentialProvider.of(Credentials.basic("alice", "wrong-" + PASSWORD)), RegistryOptions.defaults());
            assertThatThrownBy(wrong::ping)
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.getMessage()).contains(registry.host()).contains("401").contains("lading login")
                                .doesNotContain(PASSWORD);
                    });
            assertThatThrownBy(() -> wrong.getManifest("basic/app", "v1"))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage())
                            .contains("basic/app").doesNotContain(PASSWORD).contains("lading login"));

            RegistryClient anonymous = RegistryClient.create(registry.host(), CredentialProvider.anonymous(), RegistryOptions.defaults());
            assertThatThrownBy(anonymous::ping).isInstanceOfSatisfying(RegistryException.class,
                    e -> assertThat(e.getMessage()).contains("authentication required: run `lading login " + registry.host() + "`"));
        }
    }

    @Test
    void bearerTokensAreRequestedPerScopeAndCached() throws IOException {
        try (RegistryFixture registry = RegistryFixture.tokenAuth(Map.of("bob", PASSWORD))) {
            TokenServer tokens = registry.tokenServer().orElseThrow();
            RegistryClient client = RegistryClient.create(registry.host(), CredentialProvider.of(Credentials.basic("bob", PASSWORD)),
                    RegistryOptions.defaults());
            byte[] manifest = RegistryIntegrationTest.pushImage(client, "token/app", "v1", 2);
            int afterPush = tokens.requestCount();
            // the push first asks whether blobs exist (pull), then uploads (pull,push): one token each, then cached
            assertThat(tokens.scopeLog()).containsExactly("repository:token/app:pull", "repository:token/app:pull,push");

            for (int i = 0; i < 5; i++) {
                assertThat(client.getManifest("token/app", "v1").raw()).isEqualTo(manifest);
            }
            assertThat(tokens.requestCount()).isEqualTo(afterPush);

            // a second repository needs its own token, once
            client.headManifest("token/other", "v1");
            client.headManifest("token/other", "v2");
            assertThat(tokens.requestCount()).isEqualTo(afterPush + 1);
            assertThat(tokens.scopeLog().get(afterPush)).isEqualTo("repository:token/other:pull");
        }
    }

    @Test
    void crossRepositoryMountAsksForBothScopesInOneToken() throws IOException {
        try (RegistryFixture registry = RegistryFixture.tokenAuth(Map.of("bob", PASSWORD))) {
            TokenServer tokens = registry.tokenServer().orElseThrow();
            RegistryClient client = RegistryClient.create(registry.host(), CredentialProvider.of(Credentials.basic("bob", PASSWORD)),
                    RegistryOptions.defaults());
            byte[] data = RegistryIntegrationTest.random(3000, 3);
            Descriptor d = Descriptor.of(MediaType.OCI_LAYER, data);
            client.pushBlob("mount/a", d, new ByteArrayInputStream(data));
            assertThat(client.mountBlob("mount/b", d.digest(), "mount/a")).isTrue();
            assertThat(tokens.scopeLog()).anyMatch(s -> s.contains("repository:mount/b:pull,push") && s.contains("repository:mount/a:pull"));
            try (InputStream in = client.openBlob("mount/b", d)) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        }
    }

    @Test
    void expiredTokensAreRefreshed() throws IOException {
        try (RegistryFixture registry = RegistryFixture.tokenAuth(Map.of("bob", PASSWORD))) {
            TokenServer tokens = registry.tokenServer().orElseThrow();
            tokens.setUseAccessTokenField(true); // the OAuth2 spelling must work as well
            AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
            Clock clock = new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now.get();
                }
            };
            RegistryClient client = RegistryClient.create(registry.host(), CredentialProvider.of(Credentials.basic("bob", PASSWORD)),
                    RegistryOptions.defaults().withRetry(RetryPolicy.defaults().withClock(clock)));
            RegistryIntegrationTest.pushImage(client, "expiry/app", "v1", 4);
            client.getManifest("expiry/app", "v1");
            int before = tokens.requestCount();
            client.getManifest("expiry/app", "v1");
            assertThat(tokens.requestCount()).isEqualTo(before);
            now.set(now.get().plus(Duration.ofMinutes(10))); // past the 300 s lifetime
            client.getManifest("expiry/app", "v1");
            assertThat(tokens.requestCount()).isEqualTo(before + 1);
        }
    }

    @Test
    void tokenServerRejectingThePasswordGivesAClearErrorWithoutIt() throws IOException {
        try (RegistryFixture registry = RegistryFixture.tokenAuth(Map.of("bob", PASSWORD))) {
            RegistryClient client = RegistryClient.create(registry.host(),
                    CredentialProvider.of(Credentials.basic("bob", "not-" + PASSWORD)), RegistryOptions.defaults());
            assertThatThrownBy(() -> client.getManifest("token/app", "v1"))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.getMessage()).contains("authentication to " + registry.host() + " failed")
                                .contains("user 'bob'").contains("lading login").doesNotContain(PASSWORD);
                        assertThat(e.status()).isEqualTo(401);
                    });
            // anonymous: the token has no access, so the registry itself refuses
            RegistryClient anonymous = RegistryClient.create(registry.host(), CredentialProvider.anonymous(), RegistryOptions.defaults());
            assertThatThrownBy(() -> anonymous.getManifest("token/app", "v1"))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.getMessage()).contains("token/app").contains("lading login");
                    });
        }
    }

    @Test
    void loginCheckAgainstATokenRegistry() throws IOException {
        try (RegistryFixture registry = RegistryFixture.tokenAuth(Map.of("bob", PASSWORD))) {
            RegistryClient.create(registry.host(), CredentialProvider.of(Credentials.basic("bob", PASSWORD)), RegistryOptions.defaults()).ping();
            assertThatThrownBy(() -> RegistryClient.create(registry.host(), CredentialProvider.of(Credentials.basic("bob", "x")),
                    RegistryOptions.defaults()).ping()).isInstanceOf(RegistryException.class).hasMessageContaining("rejected");
            assertThat(List.of(registry.tokenServer().orElseThrow().scopeLog().get(0))).containsExactly("");
        }
    }

    @Test
    void loginStoresCredentialsTheClientThenUsesAndLogoutRemoves(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws IOException {
        try (RegistryFixture registry = RegistryFixture.basicAuth("carol", PASSWORD)) {
            CredentialStore store = new CredentialStore(new HostEnvironment(Map.of("PATH", "/usr/bin:/bin"), home));
            // check first, as `lading login` does, then store
            RegistryClient.create(registry.host(), CredentialProvider.of(Credentials.basic("carol", PASSWORD)), RegistryOptions.defaults()).ping();
            java.nio.file.Path file = store.login(registry.host(), "carol", PASSWORD);
            assertThat(file).isEqualTo(home.resolve(".docker/config.json"));

            RegistryClient client = RegistryClient.create(registry.host(), store, RegistryOptions.defaults());
            byte[] manifest = RegistryIntegrationTest.pushImage(client, "login/app", "v1", 5);
            assertThat(client.getManifest("login/app", "v1").raw()).isEqualTo(manifest);

            assertThat(store.logout(registry.host())).isTrue();
            RegistryClient after = RegistryClient.create(registry.host(), store, RegistryOptions.defaults());
            assertThatThrownBy(() -> after.getManifest("login/app", "v1")).isInstanceOfSatisfying(RegistryException.class,
                    e -> assertThat(e.getMessage()).contains("authentication required"));
        }
    }

    @Test
    void oneClientPushesAndPullsInParallel() throws Exception {
        try (RegistryFixture registry = RegistryFixture.tokenAuth(Map.of("bob", PASSWORD))) {
            RegistryClient client = RegistryClient.create(registry.host(), CredentialProvider.of(Credentials.basic("bob", PASSWORD)),
                    RegistryOptions.defaults().withChunking(20_000, 8192));
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int seed = 100 + i;
                    futures.add(pool.submit(() -> {
                        byte[] data = RegistryIntegrationTest.random(1000 + seed * 300, seed);
                        Descriptor d = Descriptor.of(MediaType.OCI_LAYER, data);
                        client.pushBlob("parallel/app", d, new ByteArrayInputStream(data));
                        try (InputStream in = client.openBlob("parallel/app", d)) {
                            assertThat(in.readAllBytes()).isEqualTo(data);
                        }
                        return null;
                    }));
                }
                for (var f : futures) {
                    f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
