#!/usr/bin/env sh
# Makes the example's base image without any registry: a root filesystem of Debian's static busybox (its
# applets as symlinks, a passwd with root and the unprivileged user 65532), imported into the local store
# as busybox:local. Needs `apt-get install busybox-static`.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
busybox="$(command -v busybox || true)"
[ -n "$busybox" ] && "$busybox" --list >/dev/null 2>&1 || { echo "needs busybox: apt-get install busybox-static" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/busybox-rootfs"   # a fixed name: the import's history names the directory, and the digest follows
mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root"
chmod 1777 "$root/tmp"
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532:nonroot:/home/nonroot:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$root/etc/group"
"$here/../../lading" import -q "$root" -t store:busybox:local --change 'CMD ["/bin/sh"]'
