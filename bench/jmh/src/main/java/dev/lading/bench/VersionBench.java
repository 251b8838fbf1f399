package dev.lading.bench;

import dev.lading.scan.version.DebianVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A Debian version comparison, the innermost step of matching every dpkg package against its advisories. */
@State(Scope.Thread)
public class VersionBench {

    private final DebianVersion debian = new DebianVersion();

    @Benchmark
    public int debianCompare() {
        return debian.compare("1:3.0.11-1~deb12u2+b1", "1:3.0.11-1~deb12u10");
    }
}
