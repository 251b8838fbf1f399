package dev.lading.build;

import java.util.Objects;

/**
 * A {@code --secret id=ID,...} value, for {@code RUN --mount=type=secret}. It reaches only the RUN's mount (or
 * its environment with {@code env=}), never a layer, the config, the history or a cache key; toString does not
 * show it.
 */
public record BuildSecret(String id, byte[] value) {

    public BuildSecret {
        Objects.requireNonNull(id, "id");
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public String toString() {
        return "BuildSecret[" + id + ", " + value.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuildSecret s && s.id.equals(id) && java.util.Arrays.equals(s.value, value);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
