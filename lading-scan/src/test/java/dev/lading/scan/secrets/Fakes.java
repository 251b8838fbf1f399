package dev.lading.scan.secrets;

import dev.lading.oci.Descriptor;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.MediaType;
import dev.lading.scan.LayerVisitor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Made-up secrets of the right shape, generated rather than written out so that this source holds no
 * token-shaped literal; and a one-file "image" to scan them in without building layers.
 */
final class Fakes {
    private Fakes() {
    }

    static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String BASE64 = ALNUM + "+/";
    static final String UPPER_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    static String random(String alphabet, int length, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static String alnum(int length, long seed) {
        return random(ALNUM, length, seed);
    }

    static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static final ImageConfig EMPTY_CONFIG = new ImageConfig(null, null, "amd64", "linux", null, null, null, null, null, null);

    static ImageConfig config(ImageConfig.Config run, java.util.List<ImageConfig.History> history) {
        return new ImageConfig(null, null, "amd64", "linux", null, null, null, run, null, history);
    }

    /** Runs {@code scanner} over one layer holding one file, as ImageFiles would, and reports. */
    static SecretReport scanFile(SecretScanner scanner, String path, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        LayerVisitor.Layer layer = new LayerVisitor.Layer(0, 1, Descriptor.of(MediaType.OCI_LAYER_GZIP, new byte[] {1}));
        LayerVisitor.Entry entry = new LayerVisitor.Entry(path, LayerVisitor.Kind.FILE, bytes.length, 0644, null);
        scanner.layerStart(layer);
        long limit = scanner.contentLimit(layer, entry);
        scanner.entry(layer, entry, limit > 0 ? () -> new ByteArrayInputStream(bytes, 0, (int) limit) : null);
        scanner.layerEnd(layer, bytes.length);
        return scanner.report(EMPTY_CONFIG);
    }

    static SecretReport scanFile(String path, String text) throws IOException {
        return scanFile(new SecretScanner(SecretConfig.DEFAULT), path, text);
    }
}
