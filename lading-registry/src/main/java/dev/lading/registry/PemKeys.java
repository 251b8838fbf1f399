package dev.lading.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM private keys that sit beside client certificates in certs.d directories: PKCS#8
 * ({@code BEGIN PRIVATE KEY}, what openssl 3 writes by default) and the traditional forms
 * ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}) that docker's documentation and older openssl
 * produce. The JDK reads only PKCS#8, so a traditional key is wrapped in a PKCS#8 envelope first; that needs a few
 * bytes of DER, not a crypto library. Encrypted keys are refused with a message (docker refuses them too).
 */
final class PemKeys {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    // rsaEncryption 1.2.840.113549.1.1.1 with NULL parameters; id-ecPublicKey 1.2.840.10045.2.1
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    private static final byte[] EC_OID = hex("06072a8648ce3d0201");

    private PemKeys() {
    }

    static PrivateKey read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(2).contains("ENCRYPTED") || m.group(2).contains("Proc-Type:") ? "ENCRYPTED" : m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2).trim());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": the " + m.group(1) + " block is not valid base64");
            }
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der, file);
                case "RSA PRIVATE KEY":
                    return pkcs8(sequence(concat(new byte[]{2, 1, 0}, RSA_ALGORITHM, tlv(0x04, der))), file);
                case "EC PRIVATE KEY":
                    return pkcs8(sequence(concat(new byte[]{2, 1, 0}, sequence(concat(EC_OID, curveOf(der, file))), tlv(0x04, der))), file);
                case "ENCRYPTED", "ENCRYPTED PRIVATE KEY":
                    throw new IOException(file + ": the private key is encrypted; a client key must be stored without a passphrase"
                            + " (openssl pkey -in KEY -out KEY.plain)");
                default:
                    // e.g. "EC PARAMETERS" before the key: skip it
            }
        }
        throw new IOException(file + ": no PEM private key found (expected BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[]{"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException notThisOne) {
                // try the next algorithm
            }
        }
        throw new IOException(file + ": unsupported or malformed private key (RSA, EC and Ed25519 keys are supported)");
    }

    /**
     * The named curve inside a SEC1 ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING key, [0] OID curve, [1] ... }.
     * openssl always writes the [0] field; without it the curve is unknown.
     */
    private static byte[] curveOf(byte[] sec1, Path file) throws IOException {
        Der outer = new Der(sec1, 0);
        if (outer.tag != 0x30) {
            throw new IOException(file + ": malformed EC private key");
        }
        int p = outer.contentStart;
        while (p < outer.end) {
            Der field = new Der(sec1, p);
            if (field.tag == 0xa0) {
                Der oid = new Der(sec1, field.contentStart);
                if (oid.tag == 0x06) {
                    return Arrays.copyOfRange(sec1, field.contentStart, oid.end);
                }
            }
            p = field.end;
        }
        throw new IOException(file + ": the EC private key does not name its curve; convert it with `openssl pkcs8 -topk8 -nocrypt`");
    }

    /** One DER element's tag and extent. */
    private static final class Der {
        final int tag;
        final int contentStart;
        final int end;

        Der(byte[] b, int at) throws IOException {
            if (at + 2 > b.length) {
                throw new IOException("truncated DER");
            }
            tag = b[at] & 0xff;
            int len = b[at + 1] & 0xff;
            int p = at + 2;
            if (len >= 0x80) {
                int n = len & 0x7f;
                if (n == 0 || n > 3 || p + n > b.length) {
                    throw new IOException("unsupported DER length");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[p++] & 0xff);
                }
            }
            contentStart = p;
            end = p + len;
            if (end > b.length) {
                throw new IOException("truncated DER");
            }
        }
    }

    private static byte[] sequence(byte[] content) {
        return tlv(0x30, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
