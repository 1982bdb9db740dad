#!/usr/bin/env bash
# Installs wrk into tools/wrk/root without root: `apt-get download` (checked against the archive's
# signed index) and `dpkg-deb -x`, so neither dpkg's database nor /usr changes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
for tool in apt-get dpkg-deb; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "make wrk needs $tool: wrk, the load generator of make bench, comes from Debian's packages." >&2
		exit 2
	}
done
mapfile -t packages < <(grep -v -e '^#' -e '^$' "$here/packages.txt")
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# As root, apt would hand the download to its _apt user, who cannot write the scratch folder.
sandbox=()
[[ "$(id -u)" == 0 ]] && sandbox=(-o APT::Sandbox::User=root)
download() { (cd "$scratch" && apt-get download -q "${sandbox[@]}" "${packages[@]}"); }
# A machine whose package lists are missing or old (a fresh CI image) gets them anew once, as
# root; without root that is left to the user.
download || { [[ "$(id -u)" == 0 ]] && apt-get update -q && download; } || {
	echo "apt-get download ${packages[*]} failed: apt's package lists may be missing or old;" \
		"run apt-get update (as root), then make wrk again." >&2
	exit 2
}
rm -rf "$here/root.new"
mkdir "$here/root.new"
for deb in "$scratch"/*.deb; do
	dpkg-deb -x "$deb" "$here/root.new"
	dpkg-deb --show --showformat='${Package} ${Version}\n' "$deb" >>"$here/root.new/versions.txt"
done
rm -rf "$here/root"
mv "$here/root.new" "$here/root"
cat "$here/root/versions.txt"
