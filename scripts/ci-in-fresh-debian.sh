#!/usr/bin/env bash
# Run .ci/run from a clean clone inside a freshly bootstrapped Debian 12 root.
#
# Why: a working machine has packages that earlier sessions installed by hand,
# which hide missing install steps. A debootstrap root has only Debian's
# minimal base plus what a new user would add first (python3, git).
#
# Usage (as root, on Debian/Ubuntu):  scripts/ci-in-fresh-debian.sh [WORKDIR]
#   WORKDIR (default /var/tmp/serm-fresh-debian) keeps a pristine minbase root
#   (made once with debootstrap) and copies it afresh for every run.
# The root borrows the host's CA bundle and resolver to reach Debian's mirror
# and PyPI: that is the machine's set-up, not the project's.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${1:-/var/tmp/serm-fresh-debian}"
PRISTINE="$WORK/pristine"
ROOTFS="$WORK/root"
COMMIT="$(git -C "$REPO" rev-parse HEAD)"

[ "$(id -u)" -eq 0 ] || { echo "run as root (debootstrap, chroot, mount)" >&2; exit 1; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null

mkdir -p "$WORK"
if [ ! -x "$PRISTINE/bin/sh" ]; then
    echo "== debootstrap --variant=minbase bookworm (once)"
    debootstrap --variant=minbase bookworm "$PRISTINE" http://deb.debian.org/debian >/dev/null
fi

cleanup() {
    for mount in dev/pts dev sys proc ""; do
        umount -l "$ROOTFS/$mount" 2>/dev/null || true
    done
}
trap cleanup EXIT
cleanup
rm -rf "$ROOTFS"
cp -a "$PRISTINE" "$ROOTFS"

# The root bind-mounted onto itself, so the tests' `unshare --mount` works inside.
mount --bind "$ROOTFS" "$ROOTFS"
mount -t proc proc "$ROOTFS/proc"
mount --bind /sys "$ROOTFS/sys"
mount --bind /dev "$ROOTFS/dev"
mount --bind /dev/pts "$ROOTFS/dev/pts"
cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
mkdir -p "$ROOTFS/etc/ssl/certs"
cp /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/host-ca.crt"

# A clean clone of the commit under test (committed work only).
git -C "$REPO" bundle create "$ROOTFS/tmp/repo.bundle" HEAD >/dev/null 2>&1

echo "== in the fresh root: what a new user adds first, then a clean clone and .ci/run ($COMMIT)"
started=$(date +%s)
chroot "$ROOTFS" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PIP_CERT=/etc/ssl/host-ca.crt /bin/bash -euo pipefail -c "
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            python3 git ca-certificates >/dev/null
        git clone -q /tmp/repo.bundle /root/serm-reference
        cd /root/serm-reference
        git checkout -q $COMMIT
        .ci/run
    "
echo "== .ci/run passed in a fresh Debian 12 root in $(( $(date +%s) - started )) s"
