package dev.lading.scan;

import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CycloneDX 1.6, JSON or XML, through cyclonedx-core-java. The image is the metadata component (type
 * container); each package a library component whose properties say where it was found
 * ({@code lading:layer}, {@code lading:path}) and, for distro packages, its source package.
 */
final class CycloneDxWriter implements SbomWriter {
    static final Version VERSION = Version.VERSION_16;
    private final boolean xml;
    private final Options options;

    CycloneDxWriter(boolean xml, Options options) {
        this.xml = xml;
        this.options = options;
    }

    @Override
    public void write(Sbom sbom, OutputStream out) throws IOException {
        Bom bom = toBom(sbom);
        String text;
        try {
            text = xml ? BomGeneratorFactory.createXml(VERSION, bom).toXmlString() : BomGeneratorFactory.createJson(VERSION, bom).toJsonString();
        } catch (GeneratorException e) {
            throw new IOException("cannot write CycloneDX: " + e.getMessage(), e);
        }
        out.write(text.getBytes(StandardCharsets.UTF_8));
        if (!text.endsWith("\n")) {
            out.write('\n');
        }
        out.flush();
    }

    Bom toBom(Sbom sbom) {
        Bom bom = new Bom();
        // derived from the content, not random: the same image and catalogers give the same document
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes((sbom.subject().digest() + "\n"
                + String.join("\n", sbom.packages().stream().map(p -> p.purl() + " " + p.path()).toList())).getBytes(StandardCharsets.UTF_8)));
        Metadata metadata = new Metadata();
        // Metadata stamps itself with the clock when made; a document is reproducible only without that
        metadata.setTimestamp(options.timestamp() == null ? null : Date.from(options.timestamp()));
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("lading");
        tool.setVersion(options.toolVersion());
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        Component image = new Component();
        image.setType(Component.Type.CONTAINER);
        image.setBomRef("image");
        image.setName(sbom.subject().name());
        image.setVersion(sbom.subject().digest().toString());
        List<Property> imageProps = new ArrayList<>();
        if (sbom.subject().platform() != null) {
            imageProps.add(property("lading:image:platform", sbom.subject().platform()));
        }
        sbom.distro().ifPresent(d -> {
            imageProps.add(property("lading:distro:id", d.id()));
            if (d.versionId() != null) {
                imageProps.add(property("lading:distro:version", d.versionId()));
            }
        });
        for (int i = 0; i < sbom.subject().layers().size(); i++) {
            imageProps.add(property("lading:image:layer:" + i, sbom.subject().layers().get(i).toString()));
        }
        image.setProperties(imageProps);
        metadata.setComponent(image);
        bom.setMetadata(metadata);

        Map<String, Integer> seen = new HashMap<>();
        sbom.packages().forEach(p -> seen.merge(p.purl(), 1, Integer::sum));
        List<Component> components = new ArrayList<>();
        for (Package p : sbom.packages()) {
            Component c = new Component();
            c.setType(Component.Type.LIBRARY);
            // bom-refs must be unique; the same purl can be installed twice (npm, in two node_modules)
            c.setBomRef(seen.get(p.purl()) == 1 ? p.purl() : p.purl() + "#" + p.path());
            c.setName(clean(p.name()));
            c.setVersion(clean(p.version()));
            c.setPurl(p.purl());
            if (p.sha1() != null) {
                c.setHashes(List.of(new Hash(Hash.Algorithm.SHA1, p.sha1())));
            }
            if (!p.licenses().isEmpty()) {
                LicenseChoice lc = new LicenseChoice();
                for (String l : p.licenses()) {
                    License license = new License();
                    license.setName(clean(l));
                    lc.addLicense(license);
                }
                c.setLicenses(lc);
            }
            List<Property> props = new ArrayList<>();
            props.add(property("lading:package:type", p.ecosystem().purlType()));
            props.add(property("lading:location:layer", p.layer().toString()));
            props.add(property("lading:location:path", clean(p.path())));
            if (p.architecture() != null) {
                props.add(property("lading:package:arch", clean(p.architecture())));
            }
            if (p.source() != null) {
                props.add(property("lading:package:source:name", clean(p.source().name())));
                props.add(property("lading:package:source:version", clean(p.source().version())));
            }
            c.setProperties(props);
            components.add(c);
        }
        bom.setComponents(components);
        return bom;
    }

    /**
     * Metadata comes from the image and may hold control characters that XML 1.0 cannot carry at all (not even
     * escaped); they become U+FFFD, in JSON too, so both formats say the same.
     */
    static String clean(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF
                    || (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))));
            if (bad && b == null) {
                b = new StringBuilder(s.substring(0, i));
            }
            if (b != null) {
                b.append(bad ? '\uFFFD' : c);
            }
        }
        return b == null ? s : b.toString();
    }

    private static Property property(String name, String value) {
        Property p = new Property();
        p.setName(name);
        p.setValue(value);
        return p;
    }
}
