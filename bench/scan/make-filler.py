#!/usr/bin/env python3
"""Adds language packages, data files and one planted secret to a root filesystem, and writes a small OSV
directory whose records match some of the image's packages (Debian, PyPI, npm).
Usage: make-filler.py ROOTFS OSV_DIR   (deterministic: a fixed seed)"""
import json
import os
import random
import sys

rootfs, osv = sys.argv[1], sys.argv[2]
rng = random.Random(5)


def write(path, data):
    full = os.path.join(rootfs, path.lstrip("/"))
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


python = [("requests", "2.25.0"), ("urllib3", "1.26.0"), ("Django", "3.2.0"), ("Jinja2", "2.11.2"), ("PyYAML", "5.3"),
          ("cryptography", "3.2"), ("Pillow", "8.0.0"), ("idna", "2.10"), ("certifi", "2020.12.5"), ("six", "1.15.0")]
python += [("filler-py-%02d" % i, "1.%d.0" % i) for i in range(30)]
for name, version in python:
    base = "usr/lib/python3/dist-packages/%s-%s.dist-info" % (name.replace("-", "_"), version)
    write(base + "/METADATA", "Metadata-Version: 2.1\nName: %s\nVersion: %s\nLicense: MIT\n" % (name, version))
    write(base + "/RECORD", "")
    for m in range(5):
        write("usr/lib/python3/dist-packages/%s/mod%d.py" % (name.lower().replace("-", "_"), m),
              "def f%d(x):\n    return x * %d\n" % (m, m) * 200)

npm = [("lodash", "4.17.15"), ("minimist", "1.2.0"), ("express", "4.17.0"), ("axios", "0.21.0"), ("node-fetch", "2.6.0")]
npm += [("filler-js-%03d" % i, "2.%d.1" % i) for i in range(300)]
for name, version in npm:
    base = "app/node_modules/" + name
    write(base + "/package.json", json.dumps({"name": name, "version": version, "license": "MIT", "main": "index.js"}))
    write(base + "/index.js", "module.exports = function (a) { return a + %d; };\n" % len(name) * 100)

# data: incompressible blobs (what images of models or media carry) and compressible logs
for i in range(14):
    write("opt/data/blob-%02d.bin" % i, rng.randbytes(8 << 20))
words = ["alpha", "beta", "gamma", "delta", "request", "served", "in", "ms", "GET", "/api/v1/items", "200", "404"]
for i in range(10):
    write("var/log/app/app-%02d.log" % i, "\n".join(" ".join(rng.choice(words) for _ in range(12)) for _ in range(30000)) + "\n")
write("app/config/.env", "DATABASE_URL=postgres://app@db/app\nGITHUB_TOKEN=ghp_" + "Zq9" * 12 + "\n")
write("usr/local/bin/app", b"\x7fELF" + rng.randbytes(1 << 20))

os.makedirs(osv, exist_ok=True)


def record(rid, ecosystem, name, fixed, cvss=None):
    r = {"id": rid, "modified": "2026-11-01T00:00:00Z", "summary": "bench record for " + name,
         "affected": [{"package": {"ecosystem": ecosystem, "name": name},
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": fixed}]}]}]}
    if cvss:
        r["severity"] = [{"type": "CVSS_V3", "score": cvss}]
    with open(os.path.join(osv, rid + ".json"), "w") as f:
        json.dump(r, f)


crit = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
for i, src in enumerate(["glibc", "bash", "zlib", "tar", "coreutils", "systemd", "gnutls28", "openssl", "xz-utils", "ncurses"]):
    record("DSA-9%03d-1" % i, "Debian:12", src, "99:0", crit if i % 2 == 0 else None)
for i, (name, version) in enumerate(python[:10]):
    record("GHSA-py%02d" % i, "PyPI", name, "99.0")
for i, (name, version) in enumerate(npm[:5]):
    record("GHSA-js%02d" % i, "npm", name, "99.0.0", crit)
# records for packages the image does not have: the index has more than it matches, as a real one does
for i in range(200):
    record("GHSA-other%03d" % i, "npm", "not-installed-%d" % i, "1.0.0")
