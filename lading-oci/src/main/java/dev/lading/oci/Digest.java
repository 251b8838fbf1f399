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

    public static MessageDigest newMessageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT).replace("SHA", "SHA-"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }
}
