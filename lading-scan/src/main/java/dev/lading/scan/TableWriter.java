package dev.lading.scan;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A plain table for people: NAME, VERSION, TYPE, sorted; columns as wide as their widest cell. */
final class TableWriter implements SbomWriter {

    @Override
    public void write(Sbom sbom, OutputStream out) throws IOException {
        PrintStream p = new PrintStream(out, false, StandardCharsets.UTF_8);
        if (sbom.packages().isEmpty()) {
            p.println("No packages found.");
            p.flush();
            return;
        }
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[]{"NAME", "VERSION", "TYPE"});
        for (Package pkg : sbom.packages()) {
            rows.add(new String[]{clean(pkg.name()), clean(pkg.version()), pkg.ecosystem().purlType()});
        }
        int[] width = new int[3];
        for (String[] r : rows) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            p.println(String.format("%-" + width[0] + "s  %-" + width[1] + "s  %s", r[0], r[1], r[2]).stripTrailing());
        }
        p.flush();
    }

    /** Metadata is untrusted: no control characters reach the terminal. */
    private static String clean(String s) {
        return ImageFiles.printable(s);
    }
}
