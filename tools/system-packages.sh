#!/usr/bin/env bash
# What the test suite needs from the system, installed if missing (used by `make test` and .ci/run);
# with the argument `bench` (make bench), Hugo too, the generator bench/build_times.py compares ours with.
# As root on Debian: installs what is missing with apt-get (the package lists are updated once).
# Otherwise: stops before any test with the exact command to run. Installs nothing when all is there.
set -euo pipefail

needed=()
[ -x /usr/bin/chromium ] || needed+=(chromium)                      # the browser tests (Playwright drives it)
command -v java >/dev/null || needed+=(default-jre-headless)         # the W3C Nu HTML Checker
command -v npm >/dev/null || needed+=(nodejs npm)                    # the checkers, from npm
command -v rsync >/dev/null || needed+=(rsync)                       # make publish's deploy
command -v git >/dev/null || needed+=(git)                           # the git deploy
command -v openssl >/dev/null || needed+=(openssl)                   # a certificate for the nginx test
[ -x /usr/sbin/nginx ] || needed+=(nginx)                            # the site served as in production
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || needed+=(libnginx-mod-http-brotli-static)
python3 -m venv --help >/dev/null 2>&1 || needed+=(python3-venv)
purpose="les tests"
if [ "${1:-}" = bench ]; then
  purpose="les tests et make bench"
  command -v hugo >/dev/null || needed+=(hugo)                       # bench/build_times.py (Debian 12: 0.111.3)
fi

[ ${#needed[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Il manque des logiciels pour ${purpose} : ${needed[*]}. Installez-les une fois avec :" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${needed[*]}" >&2
  exit 1
fi
echo "Installation des logiciels qu'utilisent ${purpose} : ${needed[*]}"
echo "(liste des paquets, puis téléchargement : de 2 à 6 minutes la première fois, Chromium étant le plus gros)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q "${needed[@]}" >/dev/null
echo "Logiciels installés."
