package dev.lading.registry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority made with the openssl command line, as an administrator would make one:
 * a CA, a server certificate for 127.0.0.1/localhost and client certificates for mutual TLS. Keys are EC P-256
 * (fast) in PKCS#8, or RSA in the traditional PKCS#1 form where a test asks for it.
 */
public final class TestPki {

    private final Path dir;
    private final String name;

    private TestPki(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    /** A new CA in {@code dir}: {@code NAME-ca.crt} and {@code NAME-ca.key}. */
    public static TestPki create(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        TestPki pki = new TestPki(dir, name);
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", pki.caKey().toString(), "-out", pki.caCertificate().toString(), "-days", "2",
                "-subj", "/CN=" + name + " test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return pki;
    }

    public static boolean isAvailable() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Path caCertificate() {
        return dir.resolve(name + "-ca.crt");
    }

    private Path caKey() {
        return dir.resolve(name + "-ca.key");
    }

    /** A server certificate for 127.0.0.1 and localhost: {@code [certificate, key]}. */
    public Path[] server(String base) throws IOException {
        return issue(base, "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n", false);
    }

    /** A client certificate: {@code [certificate, key]}; {@code traditionalRsa} makes an RSA key in PKCS#1 PEM. */
    public Path[] client(String base, boolean traditionalRsa) throws IOException {
        return issue(base, "/CN=" + base, "extendedKeyUsage=clientAuth\n", traditionalRsa);
    }

    private Path[] issue(String base, String subject, String extensions, boolean traditionalRsa) throws IOException {
        Path key = dir.resolve(base + ".key");
        Path csr = dir.resolve(base + ".csr");
        Path cert = dir.resolve(base + ".crt");
        Path ext = Files.writeString(dir.resolve(base + ".ext"), extensions, StandardCharsets.US_ASCII);
        if (traditionalRsa) {
            openssl(dir, "genrsa", "-traditional", "-out", key.toString(), "2048");
        } else {
            openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        }
        openssl(dir, "req", "-new", "-key", key.toString(), "-out", csr.toString(), "-subj", subject);
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", caCertificate().toString(), "-CAkey", caKey().toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
        return new Path[]{cert, key};
    }

    /** Runs openssl in {@code dir}; a failure shows its output. */
    public static String openssl(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd));
        }
        return out;
    }
}
