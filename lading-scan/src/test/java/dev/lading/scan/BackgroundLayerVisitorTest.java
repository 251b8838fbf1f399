package dev.lading.scan;

import dev.lading.oci.Descriptor;
import dev.lading.oci.MediaType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackgroundLayerVisitorTest {
    static final LayerVisitor.Layer LAYER = new LayerVisitor.Layer(0, 1, Descriptor.of(MediaType.OCI_LAYER_GZIP, new byte[]{1}));

    /** Records calls, with the content it read, and which thread made them. */
    static class Recorder implements LayerVisitor {
        final List<String> calls = new ArrayList<>();
        final List<String> threads = new ArrayList<>();

        @Override
        public void layerStart(Layer layer) {
            calls.add("start");
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public long contentLimit(Layer layer, Entry entry) {
            return entry.path().endsWith(".txt") ? 100 : 0;
        }

        @Override
        public void entry(Layer layer, Entry entry, Content content) throws IOException {
            String text = content == null ? "-" : new String(content.open().readAllBytes(), StandardCharsets.UTF_8);
            // a second open starts again at the first byte, as the walk's own content does
            if (content != null) {
                assertThat(new String(content.open().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
            }
            calls.add(entry.path() + "=" + text);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void layerEnd(Layer layer, long uncompressedBytes) {
            calls.add("end " + uncompressedBytes);
        }
    }

    static LayerVisitor.Entry file(String path, long size) {
        return new LayerVisitor.Entry(path, LayerVisitor.Kind.FILE, size, 0644, null);
    }

    @Test
    void theTargetSeesEveryCallInOrderWithItsContentOnItsOwnThread() throws Exception {
        Recorder r = new Recorder();
        // a budget smaller than the content: the walk waits for the worker rather than queueing without bound
        BackgroundLayerVisitor bg = new BackgroundLayerVisitor(r, 1024, "test-worker");
        bg.layerStart(LAYER);
        for (int i = 0; i < 500; i++) {
            String body = "x".repeat(2000) + i;
            assertThat(bg.contentLimit(LAYER, file("/f" + i + ".txt", body.length()))).isEqualTo(100);
            bg.entry(LAYER, file("/f" + i + ".txt", body.length()), () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }
        bg.entry(LAYER, file("/bin/x", 3), null);
        bg.layerEnd(LAYER, 42);
        bg.finish();
        assertThat(r.calls).hasSize(503);
        assertThat(r.calls.get(0)).isEqualTo("start");
        assertThat(r.calls.get(1)).isEqualTo("/f0.txt=" + "x".repeat(2000) + "0");
        assertThat(r.calls.get(500)).endsWith("499");
        assertThat(r.calls.subList(501, 503)).containsExactly("/bin/x=-", "end 42");
        assertThat(r.threads).containsOnly("test-worker");
        bg.finish(); // again: nothing left to wait for
    }

    @Test
    void contentTheTargetTurnsDownByItsFirstBytesIsNotHandedOver() throws Exception {
        List<byte[]> heads = new ArrayList<>();
        Recorder r = new Recorder() {
            @Override
            public boolean wantsContent(Layer layer, Entry entry, byte[] head) {
                heads.add(head);
                return head.length == 0 || head[0] != 0;
            }
        };
        BackgroundLayerVisitor bg = new BackgroundLayerVisitor(r, 1 << 20, "test-worker");
        byte[] binary = new byte[20000];
        binary[1] = 'x';
        String text = "y".repeat(20000);
        bg.entry(LAYER, file("/a.txt", binary.length), () -> new ByteArrayInputStream(binary));
        bg.entry(LAYER, file("/b.txt", text.length()), () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        bg.finish();
        assertThat(r.calls).containsExactly("/a.txt=-", "/b.txt=" + text);
        // what it judged by: the first bytes only, whatever the file's length
        assertThat(heads).extracting(h -> h.length).containsExactly(LayerVisitor.HEAD_BYTES, LayerVisitor.HEAD_BYTES);
    }

    @Test
    void severalVisitorsWantContentWhenOneThatAskedForItStillDoes() {
        LayerVisitor declines = new Recorder() {
            @Override
            public boolean wantsContent(Layer layer, Entry entry, byte[] head) {
                return false;
            }
        };
        LayerVisitor asksNone = (layer, entry, content) -> {
        };
        byte[] head = "#!/bin/sh".getBytes(StandardCharsets.UTF_8);
        assertThat(LayerVisitor.all(List.of(declines, asksNone)).wantsContent(LAYER, file("/a.txt", 9), head)).isFalse();
        assertThat(LayerVisitor.all(List.of(declines, asksNone, new Recorder())).wantsContent(LAYER, file("/a.txt", 9), head)).isTrue();
        // one that wants it but asked for none of this file does not count
        assertThat(LayerVisitor.all(List.of(declines, new Recorder())).wantsContent(LAYER, file("/a.bin", 9), head)).isFalse();
    }

    @Test
    void theTargetsFailureReachesTheWalk() throws Exception {
        LayerVisitor failing = (layer, entry, content) -> {
            throw new IOException("cannot scan " + entry.path());
        };
        BackgroundLayerVisitor bg = new BackgroundLayerVisitor(failing, 1 << 20, "test-failing");
        bg.entry(LAYER, file("/a", 1), null);
        assertThatThrownBy(() -> {
            // later calls or finish() report it; the worker keeps draining, so nothing blocks
            for (int i = 0; i < 5000; i++) {
                bg.entry(LAYER, file("/b" + i, 1), null);
            }
            bg.finish();
        }).isInstanceOf(IOException.class).hasMessageContaining("cannot scan /a");
    }
}
