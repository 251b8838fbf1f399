#!/usr/bin/env bash
# The issue-5 scan benchmark: one image of >= 300 MB (a debootstrap bookworm minbase root, plus Python and npm
# packages and data files), imported with `lading import` into an OCI layout. Times
#   (a) the floor: decompressing every layer blob (zcat > /dev/null), nothing else;
#   (b) `lading scan` with every scanner (SBOM + vulnerabilities from a small generated OSV directory + secrets +
#       policy + efficiency), JSON report to a file, JVM start included;
# each the median of ROUNDS runs, and prints both and the ratio (goal: scan within 2x the floor).
# Usage: bench/scan/run.sh [ROUNDS]   (debootstrap needs root the first time; the root is cached in
# ${TMPDIR:-/tmp}/lading-debootstrap-bookworm/root, the same cache DebootstrapOracleTest uses)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds="${1:-3}"
for t in python3 zcat; do command -v "$t" >/dev/null || { echo "needs $t" >&2; exit 2; }; done

cache="${TMPDIR:-/tmp}/lading-debootstrap-bookworm"
if [ ! -f "$cache/root/var/lib/dpkg/status" ]; then
  command -v debootstrap >/dev/null || { echo "needs debootstrap (apt-get install debootstrap), or a cached root in $cache/root" >&2; exit 2; }
  [ "$(id -u)" = 0 ] || { echo "debootstrap needs root (or a cached root in $cache/root)" >&2; exit 2; }
  mkdir -p "$cache"; rm -rf "$cache/root.partial"
  debootstrap --variant=minbase bookworm "$cache/root.partial" http://deb.debian.org/debian
  mv "$cache/root.partial" "$cache/root"   # only a finished root is ever at the cached path
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/lading-bench-scan.XXXXXX")"; trap 'rm -rf "$work"' EXIT
echo "building the image root in $work/rootfs ..." >&2
cp -a "$cache/root" "$work/rootfs"
python3 "$here/make-filler.py" "$work/rootfs" "$work/osv"
rootfs_mb=$(du -sm --apparent-size "$work/rootfs" | cut -f1)

"$root/lading" --version >/dev/null   # build the distribution before timing anything
"$root/lading" import "$work/rootfs" -t "oci:$work/layout:bench" --change 'USER 10001' \
  --change 'ENTRYPOINT ["/usr/local/bin/app"]' >/dev/null
rm -rf "$work/rootfs"
layers=$(python3 - "$work/layout" <<'PY'
import json, sys, os
d = sys.argv[1]
idx = json.load(open(os.path.join(d, "index.json")))
m = next(x for x in idx["manifests"] if x.get("annotations", {}).get("org.opencontainers.image.ref.name") == "bench")
man = json.load(open(os.path.join(d, "blobs", *m["digest"].split(":"))))
print(" ".join(os.path.join(d, "blobs", *l["digest"].split(":")) for l in man["layers"]))
PY
)
compressed_mb=$(du -cm --apparent-size $layers | tail -1 | cut -f1)

now() { date +%s.%N; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# CPU seconds (user + sys) of all the children that ended so far, in $cpu: what a command cost, load or not
# ('times' runs in this shell, not a subshell, which would not see them)
cpu_now() { times >"$work/times"; cpu=$(awk 'NR == 2 { split($1, u, "m"); split($2, s, "m"); printf "%.3f", u[1]*60 + u[2] + s[1]*60 + s[2] }' "$work/times"); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
floor=(); scan=(); start=(); floor_cpu=(); scan_cpu=()
for i in $(seq 1 "$rounds"); do
  # the JVM's start alone (what any lading command pays), to tell it apart from the scan's work
  s=$(now); "$root/lading" --version >/dev/null; e=$(now)
  start+=("$(echo "$e - $s" | bc)")
  cpu_now; c=$cpu
  s=$(now); for l in $layers; do zcat "$l" >/dev/null; done; e=$(now)
  cpu_now; floor+=("$(echo "$e - $s" | bc)"); floor_cpu+=("$(echo "$cpu - $c" | bc)")
  cpu_now; c=$cpu
  s=$(now)
  code=0
  "$root/lading" scan --scanners vuln,secret,policy,efficiency --db "$work/osv" --format json -o "$work/report.json" \
    "oci:$work/layout:bench" 2>"$work/scan.err" || code=$?
  e=$(now)
  [ "$code" = 0 ] || { cat "$work/scan.err" >&2; echo "lading scan exited $code" >&2; exit 3; }
  cpu_now; scan+=("$(echo "$e - $s" | bc)"); scan_cpu+=("$(echo "$cpu - $c" | bc)")
done
f=$(printf '%s\n' "${floor[@]}" | median); t=$(printf '%s\n' "${scan[@]}" | median); j=$(printf '%s\n' "${start[@]}" | median)
python3 - "$work/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("report: %d packages, %d vulnerabilities, %d secrets, policy FAIL %d, efficiency %.4f (%d bytes wasted)" % (
    len(r.get("packages", [])), r["vulnerabilities"]["summary"]["total"], r["secrets"]["summary"]["total"],
    r["policy"]["summary"]["FAIL"], r["efficiency"]["efficiency"], r["efficiency"]["wastedBytes"]))
PY
echo "image: ${rootfs_mb} MB root filesystem, ${compressed_mb} MB compressed, $(echo $layers | wc -w) layer(s)"
echo "floor (zcat every layer > /dev/null), median of $rounds: ${f}s   [${floor[*]}]"
echo "lading scan (all scanners, JVM start included), median of $rounds: ${t}s   [${scan[*]}]"
echo "JVM start (lading --version), median of $rounds: ${j}s   [${start[*]}]"
echo "ratio scan/floor: $(echo "scale=2; $t / $f" | bc)  (goal: <= 2); without the JVM start: $(echo "scale=2; ($t - $j) / $f" | bc)"
fc=$(printf '%s\n' "${floor_cpu[@]}" | median); sc=$(printf '%s\n' "${scan_cpu[@]}" | median)
echo "CPU time (user+sys), median of $rounds: zcat ${fc}s, lading scan ${sc}s (on a busy machine wall time follows this)"
echo "machine: $(nproc) cores, load average $load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
