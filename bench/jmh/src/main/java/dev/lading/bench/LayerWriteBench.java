package dev.lading.bench;

import dev.lading.oci.MediaType;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.LayerResult;
import dev.lading.oci.layer.LayerWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writing a layer (sorted tar, compression, diffID and digest in one pass) of 1000 files, 8 MiB in all, to a
 * sink: incompressible content (the stored-block path) or text-like content (real deflate), gzip or zstd.
 */
@State(Scope.Thread)
public class LayerWriteBench {

    @Param({"random", "text"})
    String content;

    @Param({"GZIP", "ZSTD"})
    String compression;

    private List<LayerEntry> entries;
    private LayerWriter writer;

    @Setup
    public void setup() {
        Random rnd = new Random(7);
        entries = new ArrayList<>();
        entries.add(LayerEntry.directory("app/", 0755));
        byte[] words = "the quick brown fox jumps over the lazy dog while lading writes layers\n".getBytes();
        for (int i = 0; i < 1000; i++) {
            byte[] data = new byte[8 * 1024 + rnd.nextInt(100)];
            if (content.equals("random")) {
                rnd.nextBytes(data);
            } else {
                for (int j = 0; j < data.length; j++) {
                    data[j] = words[(j + i) % words.length];
                }
            }
            entries.add(LayerEntry.file("app/f" + i + ".dat", 0644, data));
        }
        writer = new LayerWriter(LayerWriter.Options.of(MediaType.Compression.valueOf(compression)));
    }

    @Benchmark
    public LayerResult write1000Files() throws IOException {
        return writer.write(entries, OutputStream.nullOutputStream());
    }
}
