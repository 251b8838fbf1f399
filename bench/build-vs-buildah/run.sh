#!/usr/bin/env bash
# Times `lading build` against `buildah bud --isolation chroot --layers` on the same Dockerfiles, in one run:
#   1. cold build of a COPY-heavy image (FILES files, SIZE_MB MiB of source) with a few RUN steps
#   2. no-op rebuild (nothing changed)
#   3. rebuild after changing one source file
#   4. a multi-stage build whose two stages are independent (each does CPU work in RUN)
# Prints each time and the ratio lading/buildah (below 1.0: lading is faster).
# Usage: bench/build-vs-buildah/run.sh [FILES] [SIZE_MB] [ROUNDS]      (as root: buildah's chroot isolation needs it)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
files="${1:-5000}"; size_mb="${2:-160}"; rounds="${3:-3}"
for t in buildah busybox python3 bc; do command -v "$t" >/dev/null || { echo "needs $t (apt-get install buildah busybox-static bc)" >&2; exit 2; }; done

# buildah names an oci: base after its path, and image names must be lowercase: a path without capitals.
work="/tmp/lading-bench-build-$$"; rm -rf "$work"; mkdir -p "$work"; export LADING_HOME="$work/lading-home"
# buildah gets storage of its own under $work: nothing is added to or removed from the machine's image store.
B() { buildah --root "$work/buildah-root" --runroot "$work/buildah-runroot" "$@"; }
cleanup() { B rmi -a -f >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

# The base image and the COPY-heavy context (FILES files, SIZE_MB MiB): shared with ab.sh.
. "$here/fixture.sh"
mkdir -p "$work/multi"
cat > "$work/multi/Dockerfile" <<'DF'
ARG BASE
FROM ${BASE} AS one
RUN dd if=/dev/urandom bs=1M count=48 2>/dev/null | gzip -9 | sha256sum > /one

FROM ${BASE} AS two
RUN dd if=/dev/urandom bs=1M count=48 2>/dev/null | gzip -9 | sha256sum > /two

FROM ${BASE}
COPY --from=one /one /one
COPY --from=two /two /two
DF

"$root/lading" --version >/dev/null   # build the distribution before timing anything

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A T
timed() { # leg tool command...
  local leg=$1 tool=$2 s e; shift 2
  s=$(now); "$@" >"$work/out.log" 2>&1 || { cat "$work/out.log"; exit 3; }; e=$(now)
  T[$leg,$tool]+="$(echo "$e - $s" | bc) "
}
lb() { "$root/lading" build -q --no-lint --build-arg "BASE=$base" "$@"; }
bb() { B bud -q --isolation chroot --layers --build-arg "BASE=$base" "$@"; }
for r in $(seq 1 "$rounds"); do
  rm -rf "$LADING_HOME"; B rmi -a -f >/dev/null 2>&1 || true
  timed cold buildah bb -t bench-cold "$work/ctx"
  timed cold lading lb -t bench-cold "$work/ctx"
  timed noop buildah bb -t bench-cold "$work/ctx"
  timed noop lading lb -t bench-cold "$work/ctx"
  printf 'changed %s\n' "$r" > "$work/ctx/src/d00/e0/f0.dat"
  timed onefile buildah bb -t bench-cold "$work/ctx"
  timed onefile lading lb -t bench-cold "$work/ctx"
  timed multistage buildah bb --no-cache -t bench-multi "$work/multi"
  timed multistage lading lb --no-cache -t bench-multi "$work/multi"
done
printf "%-11s %11s %11s %8s\n" leg "buildah(s)" "lading(s)" ratio
for leg in cold noop onefile multistage; do
  b=$(echo ${T[$leg,buildah]} | tr ' ' '\n' | median); l=$(echo ${T[$leg,lading]} | tr ' ' '\n' | median)
  printf "%-11s %11.2f %11.2f %8.2f\n" "$leg" "$b" "$l" "$(echo "$l / $b" | bc -l)"
done
echo "(median of $rounds rounds; $files files, $size_mb MiB; ratio = lading/buildah, below 1 means lading is faster)"
