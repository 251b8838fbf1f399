package dev.lading.build;

import java.util.List;
import java.util.OptionalLong;

/**
 * A user-namespace id mapping: ranges of ids inside (container) mapped to ids outside (host), as in
 * {@code /proc/PID/uid_map}. The same ranges apply to uids and gids here.
 */
public record IdMapping(List<Range> ranges) {

    /** {@code count} ids starting at {@code inside} map to ids starting at {@code outside}. */
    public record Range(long inside, long outside, long count) {
    }

    public IdMapping {
        ranges = List.copyOf(ranges);
    }

    /** No user namespace: every id is itself (lading runs as root). */
    public static IdMapping identity() {
        return new IdMapping(List.of(new Range(0, 0, 1L << 32)));
    }

    /** One id: {@code inside} is the host's {@code outside} (rootless without subordinate ids). */
    public static IdMapping single(long inside, long outside) {
        return new IdMapping(List.of(new Range(inside, outside, 1)));
    }

    public OptionalLong toHost(long inside) {
        for (Range r : ranges) {
            if (inside >= r.inside() && inside < r.inside() + r.count()) {
                return OptionalLong.of(r.outside() + (inside - r.inside()));
            }
        }
        return OptionalLong.empty();
    }

    public OptionalLong toContainer(long outside) {
        for (Range r : ranges) {
            if (outside >= r.outside() && outside < r.outside() + r.count()) {
                return OptionalLong.of(r.inside() + (outside - r.outside()));
            }
        }
        return OptionalLong.empty();
    }
}
