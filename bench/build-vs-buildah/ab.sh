#!/usr/bin/env bash
# A/B of two lading launchers (two checkouts, e.g. main and a worktree of the previous commit) on one leg of
# run.sh's benchmark, the variants alternated in one loop so that the machine's drift hits both alike.
# Prints the median wall and CPU (user + sys) time of each.
#   LEG: noop (rebuild, nothing changed) | onefile (one source file changed) | cold (--no-cache)
# Usage: bench/build-vs-buildah/ab.sh LEG ROUNDS LAUNCHER_A LAUNCHER_B [FILES] [SIZE_MB]
#   e.g. bench/build-vs-buildah/ab.sh noop 12 /tmp/prev/lading ./lading
# LADING_JAVA_OPTS applies to both; to compare JVM options, give two wrapper scripts that set it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
[ $# -ge 4 ] || { sed -n '2,8p' "$0" >&2; exit 2; }
leg=$1; rounds=$2; launcher_a=$3; launcher_b=$4; files="${5:-5000}"; size_mb="${6:-160}"
case "$leg" in noop|onefile|cold) ;; *) echo "LEG must be noop, onefile or cold" >&2; exit 2 ;; esac
for t in busybox python3; do command -v "$t" >/dev/null || { echo "needs $t" >&2; exit 2; }; done

work="/tmp/lading-bench-ab-$$"; rm -rf "$work"; mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
. "$here/fixture.sh"

# one untimed build each first: the stores hold the image, and each launcher's class cache is trained
for v in A B; do
  launcher=$launcher_a; [ "$v" = B ] && launcher=$launcher_b
  LADING_HOME="$work/home-$v" "$launcher" build -q --no-lint --build-arg "BASE=$base" -t bench-ab "$work/ctx" >/dev/null
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A W C
for r in $(seq 1 "$rounds"); do
  for v in A B; do
    launcher=$launcher_a; [ "$v" = B ] && launcher=$launcher_b
    # each variant keeps its own store and cache: its rebuilds find what it built itself
    export LADING_HOME="$work/home-$v"
    build() { "$launcher" build -q --no-lint --build-arg "BASE=$base" -t bench-ab "$@" "$work/ctx" >/dev/null; }
    flags=()
    case "$leg" in
      noop) build ;;   # the first round builds; every timed run is then a rebuild of the same context
      onefile) printf 'changed %s %s\n' "$r" "$v" > "$work/ctx/src/d00/e0/f0.dat" ;;
      cold) flags=(--no-cache) ;;
    esac
    x=$( { /usr/bin/time -f "%e %U %S" "$launcher" build -q --no-lint --build-arg "BASE=$base" -t bench-ab "${flags[@]}" \
        "$work/ctx" >/dev/null; } 2>&1 | tail -1)
    W[$v]+="$(echo "$x" | awk '{print $1}') "; C[$v]+="$(echo "$x" | awk '{print $2 + $3}') "
    if [ "$leg" != noop ]; then "$launcher" gc >/dev/null 2>&1 || true; fi   # layers of every round add up otherwise
  done
done
echo "leg $leg, $rounds rounds alternated, $files files / $size_mb MiB (median wall, median CPU = user + sys)"
for v in A B; do
  launcher=$launcher_a; [ "$v" = B ] && launcher=$launcher_b
  printf '%s  wall %5.2f s  cpu %5.2f s  %s\n' "$v" "$(echo "${W[$v]}" | tr ' ' '\n' | grep . | median)" \
    "$(echo "${C[$v]}" | tr ' ' '\n' | grep . | median)" "$launcher"
done
