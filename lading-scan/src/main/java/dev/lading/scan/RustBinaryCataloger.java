package dev.lading.scan;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Rust crates compiled into ELF binaries built with {@code cargo auditable}, which embeds the dependency tree as
 * zlib-compressed JSON in a section named {@code .dep-v0}: {@code {"packages":[{"name","version","source",
 * "kind","dependencies":[indexes],"root":true}]}} (the format of rust-secure-code's auditable-serde). Every
 * package is reported, build dependencies and the root crate included, as {@code pkg:cargo/NAME@VERSION}.
 * Binaries without the section (plain {@code cargo build}) give nothing: they carry no reliable crate list.
 */
public final class RustBinaryCataloger extends ElfBinaryCataloger {
    static final String SECTION = ".dep-v0";
    /** The JSON inflated from one section; cargo-auditable's own reader stops at 8 MiB. */
    static final int MAX_JSON = 8 << 20;
    private final ObjectMapper json = JsonMapper.builder().build();

    @Override
    public String name() {
        return "rust";
    }

    @Override
    void catalog(CatalogContext context, ImageFile f, ElfBinaryReader.ElfBinary b, String where, List<Package> out) {
        b.sectionProblems().forEach(p -> context.warn(where + ": " + p));
        if (b.cargoAudit() == null) {
            return;
        }
        String text;
        try {
            text = inflate(b.cargoAudit());
        } catch (IOException e) {
            context.warn(where + ": its " + SECTION + " section could not be inflated (" + e.getMessage() + "); skipped");
            return;
        }
        JsonNode packages;
        try {
            JsonNode root = json.readTree(text);
            packages = root == null ? null : root.get("packages");
        } catch (JacksonException e) {
            context.warn(where + ": its " + SECTION + " section is not valid JSON (" + e.getOriginalMessage() + "); skipped");
            return;
        }
        if (packages == null || !packages.isArray()) {
            context.warn(where + ": its " + SECTION + " section has no \"packages\" array; skipped");
            return;
        }
        for (JsonNode p : packages) {
            String name = text(p.get("name"));
            String version = text(p.get("version"));
            if (name == null || version == null) {
                context.warn(where + ": a crate in " + SECTION + " without name or version; skipped");
                continue;
            }
            try {
                out.add(new Package(Ecosystem.CARGO, name, version, Purls.cargo(name, version), List.of(), null, null, f.layer(), f.path()));
            } catch (IllegalArgumentException e) {
                context.warn(where + ": " + e.getMessage() + "; skipped " + ImageFiles.printable(name));
            }
        }
    }

    /** zlib-inflates {@code data}, failing beyond {@link #MAX_JSON} bytes (a compression bomb) or on a truncated stream. */
    static String inflate(byte[] data) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("the compressed data ends early");
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_JSON) {
                    throw new IOException("it inflates to more than " + MAX_JSON + " bytes");
                }
            }
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IOException("not zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText().strip() : null;
    }
}
