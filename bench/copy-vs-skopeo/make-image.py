#!/usr/bin/env python3
"""Writes a multi-layer OCI image layout for the copy benchmark: LAYERS gzip layers totalling about SIZE_MB of
uncompressed data, mixing incompressible (random) and compressible (text) content, deterministically."""
import gzip, hashlib, io, json, os, random, sys, tarfile

out, size_mb, layers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(os.path.join(out, "blobs", "sha256"), exist_ok=True)
rng = random.Random(42)

def put(data):
    d = hashlib.sha256(data).hexdigest()
    with open(os.path.join(out, "blobs", "sha256", d), "wb") as f:
        f.write(data)
    return "sha256:" + d

per_layer = size_mb * 1024 * 1024 // layers
descs, diff_ids = [], []
words = [b"container", b"image", b"layer", b"registry", b"digest", b"manifest", b"lading", b"blob"]
for i in range(layers):
    tar_buf = io.BytesIO()
    with tarfile.open(fileobj=tar_buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        remaining, n = per_layer, 0
        while remaining > 0:
            size = min(remaining, 4 * 1024 * 1024)
            if (i + n) % 3 == 0:
                data = rng.randbytes(size)                        # incompressible
            else:
                data = b" ".join(rng.choice(words) for _ in range(size // 7))[:size]  # compressible
            info = tarfile.TarInfo(f"layer{i}/file{n}.bin")
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
            remaining -= size
            n += 1
    plain = tar_buf.getvalue()
    diff_ids.append("sha256:" + hashlib.sha256(plain).hexdigest())
    comp = gzip.compress(plain, compresslevel=1, mtime=0)
    descs.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": put(comp), "size": len(comp)})

config = json.dumps({"architecture": "amd64", "os": "linux", "config": {"User": "65532"},
                     "rootfs": {"type": "layers", "diff_ids": diff_ids},
                     "history": [{"created_by": f"bench layer {i}"} for i in range(layers)]}).encode()
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": put(config), "size": len(config)},
                       "layers": descs}).encode()
md = put(manifest)
with open(os.path.join(out, "index.json"), "w") as f:
    json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": md,
               "size": len(manifest), "annotations": {"org.opencontainers.image.ref.name": "bench"}}]}, f)
with open(os.path.join(out, "oci-layout"), "w") as f:
    f.write('{"imageLayoutVersion":"1.0.0"}')
total = sum(d["size"] for d in descs)
print(f"image: {layers} layers, {total / 1048576:.0f} MiB compressed, manifest {md}", file=sys.stderr)
