#!/usr/bin/env bash
# JMH benchmarks of lading's hot code (digest checks, layer writing, Dockerfile parse and lint, version
# comparison) in a warmed-up JVM: the numbers leave out process start and JIT warm-up, which the bench/*/run.sh
# scripts include. Usage: bench/jmh/run.sh [JMH ARGS...]   e.g.  bench/jmh/run.sh DigestBench -f 1 -wi 2 -i 3
# (default: every benchmark, 1 fork, 5 warm-up iterations of 2 s and 5 measured of 1 s; C2 needs the warm-up).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests -pl bench/jmh -am package
java_bin="$(sed -n 2p lading-cli/target/.java 2>/dev/null | cut -d' ' -f1)"
[ -x "${java_bin:-}" ] || java_bin=$(ls -d /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*21*/bin/java 2>/dev/null | head -1)
cp="bench/jmh/target/classes:$(cat bench/jmh/target/classpath.txt)"
if [ $# -eq 0 ]; then set -- -f 1 -wi 5 -i 5 -w 2s -r 1s; fi
exec "$java_bin" --enable-native-access=ALL-UNNAMED -cp "$cp" org.openjdk.jmh.Main "$@"
