package dev.lading.registry;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.DockerReference;
import dev.lading.oci.Index;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.content.VerifyingInputStream;
import dev.lading.registry.testing.RegistryFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
class RegistryIntegrationTest {

    private static RegistryFixture registry;
    private static RegistryClient client;

    @BeforeAll
    static void start() throws IOException {
        registry = RegistryFixture.anonymous();
        // small chunk settings so the chunked path is exercised with small blobs
        client = RegistryClient.create(registry.host(), CredentialProvider.anonymous(),
                RegistryOptions.defaults().withChunking(100_000, 32 * 1024));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static Descriptor layer(byte[] data) {
        return Descriptor.of(MediaType.OCI_LAYER_GZIP, data);
    }

    /** A real gzip stream, so that tools which inspect layers (skopeo) accept it as it is. */
    static byte[] layerBytes(long seed) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(random(1000, seed));
        }
        return out.toByteArray();
    }

    /** Pushes config + one layer + manifest under a tag; returns the manifest bytes. */
    static byte[] pushImage(RegistryClient c, String repo, String tag, long seed) throws IOException {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = layerBytes(seed);
        Descriptor cd = Descriptor.of(MediaType.OCI_CONFIG, config);
        Descriptor ld = layer(layer);
        c.pushBlob(repo, cd, new ByteArrayInputStream(config));
        c.pushBlob(repo, ld, new ByteArrayInputStream(layer));
        byte[] manifest = Manifest.oci(cd, List.of(ld), null).toJson();
        c.putManifest(repo, tag, MediaType.OCI_MANIFEST, manifest);
        return manifest;
    }

    @Test
    void pingAnswers() throws IOException {
        client.ping();
    }

    @Test
    void monolithicBlobRoundTrip() throws IOException {
        byte[] data = random(50_000, 1);
        Descriptor d = layer(data);
        assertThat(client.blobExists("mono/app", d.digest())).isFalse();
        assertThat(client.pushBlob("mono/app", d, new ByteArrayInputStream(data))).isEqualTo(RegistryClient.BlobPush.UPLOADED);
        assertThat(client.headBlob("mono/app", d.digest())).contains(50_000L);
        try (InputStream in = client.openBlob("mono/app", d)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        // second push: the registry has it, nothing is read from the stream
        InputStream untouched = new ByteArrayInputStream(data);
        assertThat(client.pushBlob("mono/app", d, untouched)).isEqualTo(RegistryClient.BlobPush.EXISTED);
        assertThat(untouched.available()).isEqualTo(data.length);
    }

    @Test
    void chunkedBlobRoundTrip() throws IOException {
        byte[] data = random(300_001, 2); // 10 chunks of 32 KiB and a remainder
        Descriptor d = layer(data);
        client.pushBlob("chunked/app", d, new ByteArrayInputStream(data));
        try (InputStream in = client.openBlob("chunked/app", d)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void uploadOfContentNotMatchingItsDescriptorFailsAndStoresNothing() throws IOException {
        byte[] data = random(200_000, 3);
        byte[] other = random(200_000, 4);
        Descriptor d = layer(data);
        assertThatThrownBy(() -> client.pushBlob("bad/app", d, new ByteArrayInputStream(other)))
                .isInstanceOf(dev.lading.oci.content.DigestMismatchException.class);
        byte[] small = random(1000, 5);
        Descriptor ds = layer(small);
        assertThatThrownBy(() -> client.pushBlob("bad/app", ds, new ByteArrayInputStream(random(1000, 6))))
                .isInstanceOf(dev.lading.oci.content.DigestMismatchException.class);
        assertThat(client.blobExists("bad/app", d.digest())).isFalse();
        assertThat(client.blobExists("bad/app", ds.digest())).isFalse();
    }

    @Test
    void aSourceThatVerifiesItselfIsSentUnhashedButStillCannotLie() throws IOException {
        // An OCI layout's blob stream checks its own digest at EOF; the upload relies on that check instead of
        // hashing the bytes again, so a lying or truncated source must still fail and leave nothing behind.
        for (int size : new int[]{50_000, 200_000}) { // one monolithic PUT; PATCH chunks
            byte[] data = random(size, 11);
            Descriptor d = layer(data);
            String repo = "selfcheck/app" + size;
            byte[] other = data.clone();
            other[size / 2] ^= 1;
            assertThatThrownBy(() -> client.pushBlob(repo, d, new VerifyingInputStream(new ByteArrayInputStream(other), d, "layout blob")))
                    .isInstanceOf(dev.lading.oci.content.DigestMismatchException.class);
            byte[] truncated = java.util.Arrays.copyOf(data, size - 1);
            assertThatThrownBy(() -> client.pushBlob(repo, d, new VerifyingInputStream(new ByteArrayInputStream(truncated), d, "layout blob")))
                    .isInstanceOf(dev.lading.oci.content.DigestMismatchException.class);
            assertThat(client.blobExists(repo, d.digest())).isFalse();
            assertThat(client.pushBlob(repo, d, new VerifyingInputStream(new ByteArrayInputStream(data), d, "layout blob")))
                    .isEqualTo(RegistryClient.BlobPush.UPLOADED);
            try (InputStream in = client.openBlob(repo, d)) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        }
    }

    @Test
    void crossRepositoryMount() throws IOException {
        byte[] data = random(5000, 7);
        Descriptor d = layer(data);
        client.pushBlob("mount/source", d, new ByteArrayInputStream(data));
        assertThat(client.blobExists("mount/target", d.digest())).isFalse();
        assertThat(client.mountBlob("mount/target", d.digest(), "mount/source")).isTrue();
        assertThat(client.blobExists("mount/target", d.digest())).isTrue();
        Descriptor missing = layer(random(10, 8));
        assertThat(client.mountBlob("mount/target", missing.digest(), "mount/source")).isFalse();
    }

    @Test
    void manifestPushGetHeadDeleteByTagAndDigest() throws IOException {
        byte[] manifest = pushImage(client, "manifests/app", "v1", 10);
        Digest digest = Digest.sha256(manifest);

        FetchedManifest byTag = client.getManifest("manifests/app", "v1");
        assertThat(byTag.raw()).isEqualTo(manifest);
        assertThat(byTag.digest()).isEqualTo(digest);
        assertThat(byTag.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
        FetchedManifest byDigest = client.getManifest("manifests/app", digest.toString());
        assertThat(byDigest.raw()).isEqualTo(manifest);

        assertThat(client.headManifest("manifests/app", "v1")).contains(Descriptor.of(MediaType.OCI_MANIFEST, digest, manifest.length));
        assertThat(client.headManifest("manifests/app", "nope")).isEmpty();

        // push by digest only
        byte[] second = pushImage(client, "manifests/app", "v2", 11);
        Digest d2 = client.putManifest("manifests/app", Digest.sha256(second).toString(), MediaType.OCI_MANIFEST, second);
        assertThat(d2).isEqualTo(Digest.sha256(second));

        assertThatThrownBy(() -> client.deleteManifest("manifests/app", "v1"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("manifests/app");
        client.deleteManifest("manifests/app", digest.toString());
        assertThat(client.headManifest("manifests/app", digest.toString())).isEmpty();
        assertThatThrownBy(() -> client.getManifest("manifests/app", "v1"))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.hasCode("MANIFEST_UNKNOWN")).isTrue();
                    assertThat(e.getMessage()).contains(registry.host()).contains("manifests/app").contains("404").contains("MANIFEST_UNKNOWN");
                });
    }

    @Test
    void indexRoundTrip() throws IOException {
        byte[] m = pushImage(client, "index/app", "amd64", 12);
        Descriptor md = Descriptor.of(MediaType.OCI_MANIFEST, m).withPlatform(dev.lading.oci.Platform.of("linux", "amd64", null));
        byte[] index = Index.oci(List.of(md)).toJson();
        client.putManifest("index/app", "multi", MediaType.OCI_INDEX, index);
        FetchedManifest got = client.getManifest("index/app", "multi");
        assertThat(got.mediaType()).isEqualTo(MediaType.OCI_INDEX);
        assertThat(got.raw()).isEqualTo(index);
    }

    @Test
    void tagsAreListed() throws IOException {
        for (int i = 0; i < 5; i++) {
            pushImage(client, "tags/app", "t" + i, 20 + i);
        }
        // registry 2.8 ignores ?n= (pagination came with distribution 3.0) and answers in storage order;
        // Link-header pagination is tested against a scripted server in RegistryClientHttpTest.
        assertThat(client.listTags("tags/app", 2)).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
        assertThat(client.listTags("tags/app")).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
    }

    @Test
    void referrersFallBackToTheTagSchema() throws IOException {
        byte[] subjectManifest = pushImage(client, "referrers/app", "latest", 30);
        Descriptor subject = Descriptor.of(MediaType.OCI_MANIFEST, subjectManifest);
        assertThat(client.referrers("referrers/app", subject.digest(), null)).isEmpty();

        Descriptor empty = Descriptor.of(MediaType.OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8));
        client.pushBlob("referrers/app", empty, new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)));
        Digest sbom = pushArtifact("application/vnd.example.sbom", subject, empty);
        Digest sig = pushArtifact("application/vnd.example.signature", subject, empty);

        List<Descriptor> all = client.referrers("referrers/app", subject.digest(), null);
        assertThat(all).extracting(Descriptor::digest).containsExactlyInAnyOrder(sbom, sig);
        List<Descriptor> sboms = client.referrers("referrers/app", subject.digest(), "application/vnd.example.sbom");
        assertThat(sboms).extracting(Descriptor::digest).containsExactly(sbom);
        assertThat(sboms.get(0).artifactType()).isEqualTo("application/vnd.example.sbom");
        // the fallback tag is where the spec says it is
        assertThat(client.listTags("referrers/app")).contains(RegistryClient.referrersTag(subject.digest()));
    }

    private Digest pushArtifact(String artifactType, Descriptor subject, Descriptor empty) throws IOException {
        String json = """
                {"schemaVersion":2,"mediaType":"%s","artifactType":"%s","config":{"mediaType":"%s","digest":"%s","size":2},\
                "layers":[{"mediaType":"%s","digest":"%s","size":2}],\
                "subject":{"mediaType":"%s","digest":"%s","size":%d}}""".formatted(MediaType.OCI_MANIFEST, artifactType,
                MediaType.OCI_EMPTY, empty.digest(), MediaType.OCI_EMPTY, empty.digest(), subject.mediaType(), subject.digest(), subject.size());
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        return client.putManifest("referrers/app", Digest.sha256(raw).toString(), MediaType.OCI_MANIFEST, raw);
    }

    @Test
    void registryContentCopiesAnImageBetweenRepositoriesWithMounts() throws IOException {
        byte[] manifest = pushImage(client, "copy/source", "1.0", 40);
        DockerReference src = registry.reference("copy/source:1.0");
        DockerReference dst = registry.reference("copy/dest:2.0");
        try (RegistryContent from = new RegistryContent(client, src); RegistryContent to = new RegistryContent(client, dst)) {
            Descriptor root = from.resolve();
            assertThat(root.digest()).isEqualTo(Digest.sha256(manifest));
            byte[] raw = from.fetchManifest(root);
            Manifest m = Manifest.parse(raw);
            for (Descriptor blob : concat(m.config(), m.layers())) {
                assertThat(to.hasBlob(blob)).isFalse();
                assertThat(to.tryMountBlob(blob, from)).isTrue();
                assertThat(to.hasBlob(blob)).isTrue();
            }
            to.commit(root, raw);
            assertThat(to.resolve()).isEqualTo(root);
            assertThat(to.readBlob(m.layers().get(0))).isEqualTo(layerBytes(40));
        }
        try (RegistryContent missing = new RegistryContent(client, registry.reference("copy/source:nope"))) {
            assertThatThrownBy(missing::resolve).isInstanceOf(RegistryException.class).hasMessageContaining("not found");
        }
    }

    @Test
    void registryContentCommitsByDigestWhenTheReferenceHasOnlyADigest() throws IOException {
        byte[] manifest = pushImage(client, "bydigest/app", "seed", 41);
        Descriptor root = Descriptor.of(MediaType.OCI_MANIFEST, manifest);
        DockerReference byDigest = new DockerReference(registry.host(), "bydigest/copy", null, root.digest());
        Manifest m = Manifest.parse(manifest);
        try (RegistryContent from = new RegistryContent(client, registry.reference("bydigest/app:seed"));
             RegistryContent to = new RegistryContent(client, byDigest)) {
            for (Descriptor blob : concat(m.config(), m.layers())) {
                try (InputStream in = from.openBlob(blob)) {
                    to.writeBlob(blob, in);
                }
            }
            to.commit(root, manifest);
            assertThat(to.resolve()).isEqualTo(root);
            assertThat(to.fetchManifest(root)).isEqualTo(manifest);
            // a manifest that is not the one the reference names is refused
            byte[] other = pushImage(client, "bydigest/app", "other", 42);
            assertThatThrownBy(() -> to.commit(Descriptor.of(MediaType.OCI_MANIFEST, other), other))
                    .isInstanceOf(dev.lading.oci.content.DigestMismatchException.class);
            // bytes that do not match their descriptor are refused before anything is sent
            assertThatThrownBy(() -> to.writeManifest(root, other)).isInstanceOf(dev.lading.oci.content.DigestMismatchException.class);
        }
        // no tag was created (registry 2.8 answers a tag list of an untagged repository with NAME_UNKNOWN)
        assertThatThrownBy(() -> client.listTags("bydigest/copy")).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.isNotFound()).isTrue());
    }

    private static List<Descriptor> concat(Descriptor first, List<Descriptor> rest) {
        java.util.ArrayList<Descriptor> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    @Test
    void skopeoReadsWhatWePushed() throws Exception {
        byte[] manifest = pushImage(client, "interop/app", "v1", 50);
        Process p = new ProcessBuilder("skopeo", "inspect", "--raw", "--tls-verify=false",
                "docker://" + registry.host() + "/interop/app:v1").redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        assertThat(out).isEqualTo(manifest);

        Process p2 = new ProcessBuilder("skopeo", "inspect", "--tls-verify=false",
                "docker://" + registry.host() + "/interop/app:v1").redirectErrorStream(true).start();
        String text = new String(p2.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p2.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p2.exitValue()).as(text).isZero();
        assertThat(text).contains(Digest.sha256(manifest).toString()).contains("\"Architecture\": \"amd64\"");
    }

    @Test
    void weReadWhatSkopeoPushed() throws Exception {
        // skopeo copies our image to a new repository (blobs and manifest through its own client); we read it back
        byte[] manifest = pushImage(client, "interop/src", "v1", 60);
        Process p = new ProcessBuilder("skopeo", "copy", "--preserve-digests", "--src-tls-verify=false", "--dest-tls-verify=false",
                "docker://" + registry.host() + "/interop/src:v1", "docker://" + registry.host() + "/interop/copied:v1")
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        FetchedManifest got = client.getManifest("interop/copied", "v1");
        assertThat(got.raw()).isEqualTo(manifest);
    }
}
