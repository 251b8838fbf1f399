#!/usr/bin/env bash
# A/B of two lading launchers (two checkouts, e.g. main and a worktree of the previous commit) on run.sh's three
# copies, the variants alternated in one loop so that the machine's drift hits both alike. Prints the median wall
# and CPU (user + sys) time of each leg for each.
# Usage: bench/copy-vs-skopeo/ab.sh ROUNDS LAUNCHER_A LAUNCHER_B [SIZE_MB] [LAYERS]
#   e.g. bench/copy-vs-skopeo/ab.sh 6 /tmp/prev/lading ./lading 200 8
# LADING_JAVA_OPTS applies to both; to compare JVM options, give two wrapper scripts that set it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 3 ] || { sed -n '2,7p' "$0" >&2; exit 2; }
rounds=$1; launcher_a=$2; launcher_b=$3; size_mb="${4:-200}"; layers="${5:-8}"
for t in docker-registry python3 /usr/bin/time; do command -v "$t" >/dev/null || { echo "needs $t (apt-get install docker-registry)" >&2; exit 2; }; done
. "$here/registry.sh"
python3 "$here/make-image.py" "$work/src" "$size_mb" "$layers"
reg="127.0.0.1:$port"
launcher() { if [ "$1" = a ]; then echo "$launcher_a"; else echo "$launcher_b"; fi; }
# one untimed push each first: each launcher's distribution and class cache are built and trained
for v in a b; do "$(launcher $v)" copy -q "oci:$work/src:bench" "docker://$reg/warm-$v/app:1" >/dev/null; done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A W C
timed() { # key command...
  local key=$1; shift
  /usr/bin/time -o "$work/time" -f "%e %U %S" "$@" >"$work/out.log" 2>&1 || { cat "$work/out.log"; exit 3; }
  W[$key]+="$(awk '{print $1}' "$work/time") "; C[$key]+="$(awk '{print $2 + $3}' "$work/time") "
}
for r in $(seq 1 "$rounds"); do
  for v in a b; do
    l=$(launcher $v)
    timed "push,$v" "$l" copy -q "oci:$work/src:bench" "docker://$reg/$v$r/app:1"
    timed "pull,$v" "$l" copy -q "docker://$reg/$v$r/app:1" "oci:$work/pull-$v$r:app"
    timed "repush,$v" "$l" copy -q "oci:$work/src:bench" "docker://$reg/$v$r/app:1"
    rm -rf "$work/pull-$v$r"
  done
done
echo "$rounds rounds alternated, $size_mb MiB in $layers layers (median wall, median CPU = user + sys)"
for leg in push pull repush; do
  for v in a b; do
    printf '%-7s %s  wall %5.2f s  cpu %5.2f s  %s\n' "$leg" "${v^^}" "$(echo "${W[$leg,$v]}" | tr ' ' '\n' | grep . | median)" \
      "$(echo "${C[$leg,$v]}" | tr ' ' '\n' | grep . | median)" "$(launcher $v)"
  done
done
