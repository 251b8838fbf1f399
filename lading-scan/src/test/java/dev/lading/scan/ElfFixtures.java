package dev.lading.scan;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal ELF files written byte by byte, for the cases a compiler does not make on demand: 32-bit and
 * big-endian files, Go build info at chosen offsets, lying section headers. Layout: header, {@code body},
 * each section's bytes, {@code .shstrtab}, then the section header table (as linkers lay them out).
 */
final class ElfFixtures {
    private ElfFixtures() {
    }

    static byte[] elf(boolean is64, boolean little, byte[] body, Map<String, byte[]> sections) {
        ByteOrder order = little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int ehsize = is64 ? 64 : 52;
        int shentsize = is64 ? 64 : 40;
        Map<String, byte[]> all = new LinkedHashMap<>(sections);
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        names.write(0);
        List<Integer> nameOffsets = new ArrayList<>();
        List<String> keys = new ArrayList<>(all.keySet());
        keys.add(".shstrtab");
        for (String k : keys) {
            nameOffsets.add(names.size());
            names.writeBytes(k.getBytes(StandardCharsets.US_ASCII));
            names.write(0);
        }
        all.put(".shstrtab", names.toByteArray());

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[64]); // the body starts 16-aligned for 32-bit files too
        file.writeBytes(body);
        List<long[]> placed = new ArrayList<>();
        for (byte[] data : all.values()) {
            placed.add(new long[]{file.size(), data.length});
            file.writeBytes(data);
        }
        while (file.size() % 8 != 0) {
            file.write(0);
        }
        long shoff = file.size();
        int shnum = keys.size() + 1;
        ByteBuffer sh = ByteBuffer.allocate(shentsize * shnum).order(order);
        sh.position(shentsize); // section 0 is the null section
        for (int i = 0; i < keys.size(); i++) {
            int at = shentsize * (i + 1);
            sh.putInt(at, nameOffsets.get(i));
            sh.putInt(at + 4, keys.get(i).equals(".shstrtab") ? 3 : 1);
            if (is64) {
                sh.putLong(at + 0x18, placed.get(i)[0]);
                sh.putLong(at + 0x20, placed.get(i)[1]);
            } else {
                sh.putInt(at + 0x10, (int) placed.get(i)[0]);
                sh.putInt(at + 0x14, (int) placed.get(i)[1]);
            }
        }
        file.writeBytes(sh.array());
        byte[] out = file.toByteArray();
        ByteBuffer h = ByteBuffer.wrap(out).order(order);
        h.put(0, new byte[]{0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (little ? 1 : 2), 1});
        h.putShort(0x10, (short) 2); // ET_EXEC
        if (is64) {
            h.putLong(0x28, shoff);
            h.putShort(0x34, (short) ehsize);
            h.putShort(0x3a, (short) shentsize);
            h.putShort(0x3c, (short) shnum);
            h.putShort(0x3e, (short) keys.size());
        } else {
            h.putInt(0x20, (int) shoff);
            h.putShort(0x28, (short) ehsize);
            h.putShort(0x2e, (short) shentsize);
            h.putShort(0x30, (short) shnum);
            h.putShort(0x32, (short) keys.size());
        }
        return out;
    }

    /** Go 1.18+ build info (magic, header, inline strings) at the 16-aligned offset {@code at} of a body of {@code bodySize} bytes. */
    static byte[] goBody(int bodySize, int at, int ptrSize, boolean little, String goVersion, String modInfo) {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        blob.writeBytes(ElfBinaryReader.GO_MAGIC);
        blob.write(ptrSize);
        blob.write((little ? 0 : 1) | 2);
        blob.writeBytes(new byte[16]);
        writeString(blob, goVersion.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream mod = new ByteArrayOutputStream();
        if (!modInfo.isEmpty()) {
            mod.writeBytes(new byte[]{0x30, 0x77, (byte) 0xaf, 0x0c, (byte) 0x92, 0x74, 0x08, 0x02, 0x41, (byte) 0xe1, (byte) 0xc1, 0x07,
                    (byte) 0xe6, (byte) 0xd6, 0x18, (byte) 0xe6});
            mod.writeBytes(modInfo.getBytes(StandardCharsets.UTF_8));
            mod.writeBytes(new byte[]{(byte) 0xf9, 0x32, 0x43, 0x31, (byte) 0x86, 0x18, 0x20, 0x72, 0x00, (byte) 0x82, 0x42, 0x10, 0x41,
                    0x16, (byte) 0xd8, (byte) 0xf2});
        }
        writeString(blob, mod.toByteArray());
        byte[] body = new byte[Math.max(bodySize, at + blob.size())];
        byte[] b = blob.toByteArray();
        System.arraycopy(b, 0, body, at, b.length);
        return body;
    }

    private static void writeString(ByteArrayOutputStream out, byte[] s) {
        long v = s.length;
        while (v >= 0x80) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        out.writeBytes(s);
    }
}
