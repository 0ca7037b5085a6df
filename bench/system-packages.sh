#!/usr/bin/env bash
# What `make bench` needs from the system beyond the tests' (tools/system-packages.sh), installed
# if missing: Hugo, the static site generator build_times.py compares ours with.
# As root on Debian: installs what is missing with apt-get (the package lists are updated once).
# Otherwise: stops before any build with the exact command to run. Installs nothing when all is there.
set -euo pipefail

needed=()
command -v hugo >/dev/null || needed+=(hugo)   # bench/build_times.py's Hugo builds (Debian 12 has 0.111.3)

[ ${#needed[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "The benchmark needs: ${needed[*]}. Install it once with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${needed[*]}" >&2
  exit 1
fi
echo "Installing what the benchmark uses: ${needed[*]} (package lists, then the download: a minute or two)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q "${needed[@]}" >/dev/null
echo "Installed."
