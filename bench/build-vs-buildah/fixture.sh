# Sourced by run.sh and ab.sh: the base image and the COPY-heavy context both benchmarks build.
# Needs: $root (the repository), $work (a scratch directory), $files and $size_mb. Sets $base.
# A base image both tools read: static busybox with its applets, imported into an OCI layout by lading.
mkdir -p "$work/base/bin" "$work/base/etc" "$work/base/tmp"
cp "$(command -v busybox)" "$work/base/bin/busybox"
for a in sh ls cat cp mkdir rm sha256sum find wc dd gzip sort head true; do ln -s busybox "$work/base/bin/$a"; done
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$work/base/etc/passwd"; printf 'root:x:0:\n' > "$work/base/etc/group"
"$root/lading" import -q -t "oci:$work/layout:base" "$work/base" >/dev/null
base="oci:$work/layout:base"

# The COPY-heavy context: FILES files in nested directories, SIZE_MB MiB in total, incompressible content.
python3 - "$work/ctx" "$files" "$size_mb" <<'PY'
import os, sys, random
ctx, n, mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(42); each = mb * 1024 * 1024 // n
for i in range(n):
    d = os.path.join(ctx, "src", f"d{i % 50:02d}", f"e{i % 7}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"f{i}.dat"), "wb") as f:
        f.write(rnd.randbytes(each))
with open(os.path.join(ctx, "package.json"), "w") as f:
    f.write('{"name": "bench", "version": "1.0.0"}\n')
PY
cat > "$work/ctx/Dockerfile" <<'DF'
ARG BASE
FROM ${BASE}
COPY package.json /app/
RUN mkdir -p /app/deps && cat /app/package.json > /app/deps/installed
COPY src /app/src
RUN find /app/src -type f | wc -l > /app/file-count
RUN sha256sum /app/package.json > /app/checksum
CMD ["/bin/sh"]
DF
