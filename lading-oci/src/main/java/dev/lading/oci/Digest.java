package dev.lading.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A content digest as the OCI image spec defines it: {@code algorithm ":" encoded}.
 * Only the registered algorithms sha256 and sha512 are accepted, with lowercase hex of the right length,
 * because a digest is later used to build file paths and URLs: anything looser would be an injection point.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

    public static final String SHA256 = "sha256";
    public static final String SHA512 = "sha512";

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    public Digest {
        int expected = switch (algorithm) {
            case SHA256 -> 64;
            case SHA512 -> 128;
            default -> throw new IllegalArgumentException("unsupported digest algorithm '" + algorithm + "' (use sha256 or sha512)");
        };
        if (hex.length() != expected || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid " + algorithm + " digest: '" + hex + "' (want " + expected + " lowercase hex characters)");
        }
    }

    @JsonCreator
    public static Digest parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("digest is missing");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("invalid digest '" + text + "' (want algorithm:hex, e.g. sha256:…)");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Digest sha256(byte[] data) {
        return of(SHA256, data);
    }

    public static Digest of(String algorithm, byte[] data) {
        MessageDigest md = newMessageDigest(algorithm);
        return new Digest(algorithm, HexFormat.of().formatHex(md.digest(data)));
    }

    public static Digest fromMessageDigest(String algorithm, MessageDigest finished) {
        return new Digest(algorithm, HexFormat.of().formatHex(finished.digest()));
    }

    /**
     * A fresh digest for {@code algorithm}. SHA-256 is OpenSSL's where it can be had and the data is big enough to be
     * worth it ({@link Sha256Digest}), the JDK's otherwise; the results are the same.
     */
    public static MessageDigest newMessageDigest(String algorithm) {
        if (algorithm.equals(SHA256)) {
            return new Sha256Digest();
        }
        try {
            return MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT).replace("SHA", "SHA-"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Gets SHA-256 ready for a command that will hash a lot from its first moments; blocks for tens of milliseconds,
     * so call it on a spare thread. Loads OpenSSL's where it can be had. Otherwise it hashes a few MiB with the
     * JDK's: its SHA-256 runs on the CPU's SHA instructions only once C2 has compiled its loop, and at start-up
     * C2's queue is long, so the first ~50 MiB a command hashed used to go ~8x slower (measured on a pull).
     */
    public static void prepareSha256() {
        if (NativeSha256.available()) {
            return;
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] block = new byte[64 * 1024];
            for (int i = 0; i < 128; i++) {
                md.update(block);
            }
            md.digest();
        } catch (NoSuchAlgorithmException e) {
            // nothing to prepare
        }
    }

    /**
     * Where large SHA-256 work goes: "OpenSSL (libcrypto)" or "the JDK". Loads the native functions if that has
     * not happened yet (tens of milliseconds): for reports such as {@code lading doctor}, not for hot paths.
     */
    public static String sha256Implementation() {
        return NativeSha256.available() ? "OpenSSL (libcrypto), through the JDK's foreign function API" : "the JDK's";
    }

    public MessageDigest newMessageDigest() {
        return newMessageDigest(algorithm);
    }

    /** The first 12 hex characters, as tools show digests in tables. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @JsonValue
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    // Written out rather than generated: a record's generated equals and hashCode are bound at their first call
    // through method handles, which spins classes at run time in every process (most commands use digests as keys).
    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && hex.equals(d.hex) && algorithm.equals(d.algorithm);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + hex.hashCode();
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }
}
