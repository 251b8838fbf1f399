#!/usr/bin/env bash
# Times lading against skopeo on the same copies, in one run, against one local docker-registry:
#   1. OCI layout -> registry (fresh repository: every blob uploaded)
#   2. registry -> OCI layout (fresh directory: every blob downloaded)
#   3. OCI layout -> registry again (every blob already there)
# Prints each time and the ratio lading/skopeo (below 1.0: lading is faster). Usage: bench/copy-vs-skopeo/run.sh [SIZE_MB] [LAYERS] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
size_mb="${1:-500}"; layers="${2:-10}"; rounds="${3:-3}"
for t in docker-registry skopeo python3 /usr/bin/time; do command -v "$t" >/dev/null || { echo "needs $t (apt-get install docker-registry skopeo)" >&2; exit 2; }; done

. "$here/registry.sh"

python3 "$here/make-image.py" "$work/src" "$size_mb" "$layers"
"$root/lading" --version >/dev/null   # build the distribution before timing anything
# and train the launcher's class cache for the image commands (copy's group), which would otherwise happen inside
# the first timed lading leg
"$root/lading" inspect "oci:$work/src:bench" >/dev/null

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A T
# skopeo remembers where it saw blobs (blob-info cache) and then mounts instead of uploading; clear it before each
# skopeo leg so both tools start each leg knowing only what the source and destination tell them.
skopeo_cache() { rm -f /var/lib/containers/cache/blob-info-cache-v1.boltdb "$HOME/.local/share/containers/cache/blob-info-cache-v1.boltdb"; }
# CPU time (user + sys) is recorded beside wall time: on a busy machine it is the steadier of the two.
declare -A C
run_leg() { # leg tool round command...
  local leg=$1 tool=$2 s e; shift 3
  [ "$tool" = skopeo ] && skopeo_cache
  s=$(now); /usr/bin/time -f "%U %S" -o "$work/cpu" "$@" >"$work/out.log" 2>&1 || { cat "$work/out.log"; exit 3; }; e=$(now)
  T[$leg,$tool]+="$(echo "$e - $s" | bc) "
  C[$leg,$tool]+="$(awk '{print $1 + $2}' "$work/cpu") "
}
reg="127.0.0.1:$port"
for r in $(seq 1 "$rounds"); do
  run_leg push skopeo $r skopeo copy -q --dest-tls-verify=false "oci:$work/src:bench" "docker://$reg/s$r/app:1"
  run_leg push lading $r "$root/lading" copy -q "oci:$work/src:bench" "docker://$reg/l$r/app:1"
  run_leg pull skopeo $r skopeo copy -q --src-tls-verify=false "docker://$reg/s$r/app:1" "oci:$work/s-pull$r:app"
  run_leg pull lading $r "$root/lading" copy -q "docker://$reg/l$r/app:1" "oci:$work/l-pull$r:app"
  run_leg repush skopeo $r skopeo copy -q --dest-tls-verify=false "oci:$work/src:bench" "docker://$reg/s$r/app:1"
  run_leg repush lading $r "$root/lading" copy -q "oci:$work/src:bench" "docker://$reg/l$r/app:1"
  rm -rf "$work/s-pull$r" "$work/l-pull$r"
done
printf "%-8s %12s %12s %8s %14s %14s\n" leg "skopeo(s)" "lading(s)" ratio "skopeo cpu(s)" "lading cpu(s)"
for leg in push pull repush; do
  s=$(echo ${T[$leg,skopeo]} | tr ' ' '\n' | median); l=$(echo ${T[$leg,lading]} | tr ' ' '\n' | median)
  sc=$(echo ${C[$leg,skopeo]} | tr ' ' '\n' | median); lc=$(echo ${C[$leg,lading]} | tr ' ' '\n' | median)
  printf "%-8s %12.2f %12.2f %8.2f %14.2f %14.2f\n" "$leg" "$s" "$l" "$(echo "$l / $s" | bc -l)" "$sc" "$lc"
done
echo "(median of $rounds rounds; $size_mb MiB in $layers layers; ratio = lading/skopeo wall time, below 1 means lading is faster;"
echo " cpu = user + sys of the whole command)"
