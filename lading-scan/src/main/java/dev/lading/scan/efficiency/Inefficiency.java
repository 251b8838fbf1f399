package dev.lading.scan.efficiency;

import java.util.List;

/**
 * A path that more than one layer touched (wrote, rewrote or deleted), as dive lists it: {@code cumulativeBytes}
 * is the size of every version (a deletion counts what it hid when it hides a directory, 0 for a file), and the
 * whole of it counts as wasted, the surviving version included, exactly as dive adds it up.
 */
public record Inefficiency(String path, int count, long cumulativeBytes, List<Integer> layers) {
    public Inefficiency {
        layers = List.copyOf(layers);
    }
}
