#!/usr/bin/env bash
# Times `lading lint` on a generated corpus of realistic Dockerfiles against a peer linter from npm
# (dockerfile-utils, the validator behind VS Code's Dockerfile support), each in ONE process over all files:
#   1. lading lint DIR --no-shellcheck (what the peer does: no ShellCheck), files/second and the ratio to the peer
#   2. lading lint DIR with ShellCheck when it is on PATH (what users get by default), files/second
#   3. one `lading lint examples/hello/Dockerfile` (default options), median wall time of 5, against 0.5 s
# Goals (the lint issue): >= 2000 files/s and faster than the peer on a corpus of at least 1000 files; a single
# lint under 0.5 s. Each corpus timing is the median of ROUNDS runs; the whole time includes process start (JVM,
# node). The default corpus is 4000 files: lading spends ~0.25 s before it lints its first file (launcher, JVM,
# command line, directory walk) and ~0.3 s more while the JIT compiles the lint, so on 1000 files a third of
# the run is that fixed cost, and the files/second it prints is more about start-up than linting. `run.sh 1000`
# shows it (about even with the peer).
# Usage: bench/lint-corpus/run.sh [FILES] [ROUNDS]      (needs python3, node, npm; network for the first npm install)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
files="${1:-4000}"; rounds="${2:-3}"
for t in python3 node npm bc; do command -v "$t" >/dev/null || { echo "needs $t" >&2; exit 2; }; done

work="/tmp/lading-bench-lint-$$"; rm -rf "$work"; mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
peer="${LADING_BENCH_PEER_DIR:-/tmp/lading-bench-lint-peer}"   # kept between runs: npm install once
peer_version="0.16.3"

python3 "$here/make-corpus.py" "$work/corpus" "$files"
n=$(find "$work/corpus" -name Dockerfile | wc -l)

if [ ! -f "$peer/node_modules/dockerfile-utils/package.json" ] \
   || ! grep -q "\"version\": \"$peer_version\"" "$peer/node_modules/dockerfile-utils/package.json"; then
  npm install --silent --no-audit --no-fund --prefix "$peer" "dockerfile-utils@$peer_version" >/dev/null
fi
# one node process validates every file, as lading lints every file in one JVM
cat > "$work/peer.js" <<'JS'
const fs = require('fs'), path = require('path');
const { validate } = require(process.argv[2]);
let files = 0, diagnostics = 0;
(function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name === 'Dockerfile') { diagnostics += validate(fs.readFileSync(p, 'utf8')).length; files++; }
  }
})(process.argv[3]);
fs.writeFileSync(process.argv[4], JSON.stringify({ files, diagnostics }) + '\n');
JS

"$root/lading" --version >/dev/null   # build the distribution (and its class cache) before timing anything

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# exit 1 means findings (expected on this corpus); anything else is a failure
timed() { # out-file command...
  local out=$1 s e rc; shift
  s=$(now); set +e; "$@" >"$out" 2>"$out.err"; rc=$?; set -e; e=$(now)
  if [ "$rc" -gt 1 ]; then cat "$out.err" >&2; echo "failed ($rc): $*" >&2; exit 3; fi
  echo "$e - $s" | bc
}

declare -a TL TS TP
for r in $(seq 1 "$rounds"); do
  TL+=("$(timed "$work/lading.json" "$root/lading" lint --no-shellcheck --format json "$work/corpus")")
  TP+=("$(timed "$work/peer.out" node "$work/peer.js" "$peer/node_modules/dockerfile-utils" "$work/corpus" "$work/peer.json")")
  if command -v shellcheck >/dev/null; then
    TS+=("$(timed "$work/lading-sc.json" "$root/lading" lint --format json "$work/corpus")")
  fi
done
tl=$(printf '%s\n' "${TL[@]}" | median); tp=$(printf '%s\n' "${TP[@]}" | median)

# the lading report must cover every file: count the distinct files it names (each corpus file has findings)
linted=$(python3 - "$work/lading.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
items = d if isinstance(d, list) else d.get("findings", d.get("results", []))
print(len({f.get("file") for f in items}), len(items))
PY
)
peer_counts=$(cat "$work/peer.json")

echo "corpus: $n Dockerfiles (bench/lint-corpus/make-corpus.py), median of $rounds runs, one process each"
echo "lading lint --no-shellcheck: ${tl}s  $(echo "scale=0; $n / $tl" | bc) files/s  (files with findings, findings: $linted; goal >= 2000 files/s)"
echo "dockerfile-utils $peer_version validate: ${tp}s  $(echo "scale=0; $n / $tp" | bc) files/s  ($peer_counts)"
echo "ratio lading/peer: $(echo "scale=2; $tl / $tp" | bc)  (below 1: lading is faster)"
if [ "${#TS[@]}" -gt 0 ]; then
  ts=$(printf '%s\n' "${TS[@]}" | median)
  echo "lading lint with ShellCheck ($(shellcheck --version | sed -n 's/^version: //p')): ${ts}s  $(echo "scale=0; $n / $ts" | bc) files/s"
fi

declare -a T1
for r in 1 2 3 4 5; do
  T1+=("$(cd "$root" && timed "$work/one.txt" ./lading lint examples/hello/Dockerfile)")
done
t1=$(printf '%s\n' "${T1[@]}" | median)
echo "single lint (./lading lint examples/hello/Dockerfile): ${t1}s median of 5 (goal < 0.5s)"
