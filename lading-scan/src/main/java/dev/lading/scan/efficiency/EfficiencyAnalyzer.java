package dev.lading.scan.efficiency;

import dev.lading.oci.ImageConfig;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.scan.FileSelector;
import dev.lading.scan.ImageFiles;
import dev.lading.scan.LayerVisitor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Wasted space and the efficiency score of an image, with the semantics of the dive tool
 * (github.com/wagoodman/dive, {@code dive/filetree/efficiency.go} and {@code dive/image/image.go}), so a
 * threshold that holds in dive holds here:
 * <ul>
 *   <li>Each layer is a tree of its own entries; only its leaves count (files, symlinks, empty directories,
 *       whiteouts). Opaque-directory markers are ignored, as dive ignores them.</li>
 *   <li>A leaf's size is its tar size, except a whiteout's: if the path it deletes is a directory in the
 *       layers below (stacked), the sizes of everything under it; otherwise (a file, or nothing) 0.</li>
 *   <li>Per path: every version's size adds to its cumulative size; the smallest is its minimum.</li>
 *   <li>Wasted bytes: the cumulative sizes of the paths touched by more than one layer (the surviving version
 *       counts too). Score: the sum of minimums over the sum of cumulative sizes (1 when that is 0).</li>
 *   <li>"User" bytes: the entry sizes of every layer but the first; the user-wasted fraction is wasted / user.</li>
 * </ul>
 * One deviation: a whiteout of a path no lower layer has counts 0 (the dive version that errors instead
 * leaves that layer half counted). Paths whose cumulative size is 0 (directories that recur) are left out of
 * {@link EfficiencyReport#inefficiencies()}; they change neither number.
 *
 * <p>An instance is one pass over one image: give it to {@link ImageFiles#read} (alone or with
 * {@link LayerVisitor#all}) and ask for the {@link #report()} after. It keeps metadata only: the paths of the
 * image and of the layer being read.
 */
public final class EfficiencyAnalyzer implements LayerVisitor {

    private record Node(long size, boolean directory) {
    }

    private static final class PathStats {
        int count;
        long cumulative;
        long minimum = -1;
        final List<Integer> layers = new ArrayList<>(2);
    }

    /** dive's stacked tree of the layers read so far: whiteouts applied, opaque markers not. */
    private final TreeMap<String, Node> stacked = new TreeMap<>();
    private final Map<String, PathStats> paths = new HashMap<>();
    private final Map<String, Entry> current = new LinkedHashMap<>();
    private final List<LayerEfficiency> layers = new ArrayList<>();
    private final List<String> createdBy;

    public EfficiencyAnalyzer() {
        this.createdBy = List.of();
    }

    /** Also names each layer by the history entry that made it. */
    public EfficiencyAnalyzer(ImageConfig config) {
        this.createdBy = config.history().stream().filter(h -> !Boolean.TRUE.equals(h.emptyLayer()))
                .map(h -> h.createdBy() == null ? "" : h.createdBy()).toList();
    }

    /** Reads the layers of {@code image} once, for this analysis alone. */
    public static EfficiencyReport analyze(ContentReader reader, ResolvedImage image) throws IOException {
        EfficiencyAnalyzer analyzer = new EfficiencyAnalyzer(image.config());
        ImageFiles.read(reader, image.manifest().layers(), FileSelector.none(), null, ImageFiles.Limits.DEFAULT, w -> {
        }, analyzer);
        return analyzer.report();
    }

    @Override
    public void layerStart(Layer layer) {
        current.clear();
    }

    @Override
    public void entry(Layer layer, Entry entry, Content content) {
        // keyed by where the entry sits in the layer's own tree: a whiteout is the node ".wh.name"
        current.put(treePath(entry), entry);
    }

    @Override
    public void layerEnd(Layer layer, long uncompressedBytes) {
        TreeSet<String> tree = new TreeSet<>(current.keySet());
        int added = 0;
        int modified = 0;
        int removed = 0;
        long addedBytes = 0;
        long modifiedBytes = 0;
        long removedBytes = 0;
        long contentBytes = 0;
        for (Map.Entry<String, Entry> e : current.entrySet()) {
            Entry entry = e.getValue();
            contentBytes += entry.size();
            switch (entry.kind()) {
                case OPAQUE_WHITEOUT -> {
                    removed++;
                    removedBytes += sizeUnder(entry.path(), false);
                    continue;
                }
                case WHITEOUT -> {
                    removed++;
                    removedBytes += sizeUnder(entry.path(), true);
                }
                case DIRECTORY -> {
                }
                default -> {
                    if (stacked.containsKey(entry.path())) {
                        modified++;
                        modifiedBytes += entry.size();
                    } else {
                        added++;
                        addedBytes += entry.size();
                    }
                }
            }
            if (isLeaf(tree, e.getKey())) {
                count(layer.index(), entry);
            }
        }
        stack();
        String by = layer.index() < createdBy.size() ? createdBy.get(layer.index()) : null;
        layers.add(new LayerEfficiency(layer.index(), layer.digest(), by, layer.compressedSize(), uncompressedBytes, contentBytes,
                added, addedBytes, modified, modifiedBytes, removed, removedBytes));
        current.clear();
    }

    private void count(int layerIndex, Entry entry) {
        long size;
        if (entry.kind() == Kind.WHITEOUT) {
            Node lower = stacked.get(entry.path());
            size = lower != null && lower.directory() ? sizeUnder(entry.path(), true) : 0;
        } else {
            size = entry.size();
        }
        PathStats s = paths.computeIfAbsent(entry.path(), p -> new PathStats());
        s.count++;
        s.cumulative += size;
        s.minimum = s.minimum < 0 ? size : Math.min(s.minimum, size);
        s.layers.add(layerIndex);
    }

    /** Applies the current layer to the stacked tree as dive stacks trees. */
    private void stack() {
        for (Entry e : current.values()) {
            if (e.kind() == Kind.WHITEOUT) {
                stacked.remove(e.path());
                under(e.path()).clear();
            }
        }
        for (Entry e : current.values()) {
            if (e.kind() == Kind.WHITEOUT || e.kind() == Kind.OPAQUE_WHITEOUT) {
                continue;
            }
            stacked.put(e.path(), new Node(e.size(), e.kind() == Kind.DIRECTORY));
            // a parent the tar never names still exists in dive's tree, as a node that is not a directory
            for (int slash = e.path().lastIndexOf('/'); slash > 0; slash = e.path().lastIndexOf('/', slash - 1)) {
                stacked.putIfAbsent(e.path().substring(0, slash), new Node(0, false));
            }
        }
    }

    private long sizeUnder(String path, boolean self) {
        long sum = 0;
        if (self) {
            Node n = stacked.get(path);
            sum += n == null ? 0 : n.size();
        }
        for (Node n : under(path).values()) {
            sum += n.size();
        }
        return sum;
    }

    private NavigableMap<String, Node> under(String path) {
        String prefix = path.equals("/") ? "/" : path + "/";
        return stacked.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
    }

    private static String treePath(Entry entry) {
        return switch (entry.kind()) {
            case WHITEOUT -> {
                int slash = entry.path().lastIndexOf('/');
                yield entry.path().substring(0, slash + 1) + ".wh." + entry.path().substring(slash + 1);
            }
            case OPAQUE_WHITEOUT -> (entry.path().equals("/") ? "" : entry.path()) + "/.wh..wh..opq";
            default -> entry.path();
        };
    }

    /** Whether no other entry of the layer lies under {@code path}; the opaque marker is no node in dive's tree. */
    private static boolean isLeaf(TreeSet<String> tree, String path) {
        String prefix = path + "/";
        for (String p : tree.subSet(prefix, true, prefix + Character.MAX_VALUE, false)) {
            if (!p.equals(prefix + ".wh..wh..opq")) {
                return false;
            }
        }
        return true;
    }

    /** The analysis of the layers seen so far (all of them, once the walk is done). */
    public EfficiencyReport report() {
        long minimum = 0;
        long cumulative = 0;
        long wasted = 0;
        List<Inefficiency> inefficiencies = new ArrayList<>();
        for (Map.Entry<String, PathStats> e : paths.entrySet()) {
            PathStats s = e.getValue();
            minimum += s.minimum;
            cumulative += s.cumulative;
            if (s.count > 1) {
                wasted += s.cumulative;
                if (s.cumulative > 0) {
                    inefficiencies.add(new Inefficiency(e.getKey(), s.count, s.cumulative, s.layers));
                }
            }
        }
        inefficiencies.sort(Comparator.comparingLong(Inefficiency::cumulativeBytes).reversed().thenComparing(Inefficiency::path));
        double score = cumulative == 0 ? 1.0 : (double) minimum / cumulative;
        long user = layers.stream().filter(l -> l.index() > 0).mapToLong(LayerEfficiency::contentBytes).sum();
        double fraction = wasted == 0 ? 0 : user == 0 ? 1 : (double) wasted / user;
        return new EfficiencyReport(layers,
                layers.stream().mapToLong(LayerEfficiency::compressedBytes).sum(),
                layers.stream().mapToLong(LayerEfficiency::uncompressedBytes).sum(),
                layers.stream().mapToLong(LayerEfficiency::contentBytes).sum(),
                user, wasted, fraction, score, inefficiencies);
    }
}
