#!/usr/bin/env bash
# Install xaso on Debian 12: the packages it needs, then build and install it.
#   ./install.sh              install packages, build, `make install` (PREFIX=/usr/local)
#   ./install.sh --deps-only  install the packages the build and the tests need, nothing else
#   ./install.sh --demo       as the first form, then open the program on the demo database
# PREFIX and DESTDIR are passed on to `make install`. Safe to run again: nothing is redone needlessly.
set -euo pipefail
cd "$(dirname "$0")"

packages=(
  build-essential pkg-config make gcc clang
  libncurses-dev libsqlite3-dev sqlite3 libyaml-dev libzip-dev zip unzip
  libutf8proc-dev libssl-dev gettext libcmocka-dev
  tmux locales valgrind python3
)
# the npm `datapackage` validator of the bundle tests (a NodeSource node already brings npm)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

say() { printf 'install.sh: %s\n' "$*"; }

deps_only=0 demo=0
for arg in "$@"; do
  case "$arg" in
    --deps-only) deps_only=1 ;;
    --demo) demo=1 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) say "unknown option: $arg"; exit 64 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  say "all Debian packages already installed"
fi

[ "$deps_only" -eq 1 ] && { say "dependencies ready"; exit 0; }

say "building"
make -j"$(nproc)" PREFIX="${PREFIX:-/usr/local}"
say "installing into ${DESTDIR:-}${PREFIX:-/usr/local}"
sudo=""; [ "$(id -u)" -eq 0 ] || [ -n "${DESTDIR:-}" ] || sudo="sudo"
$sudo make install PREFIX="${PREFIX:-/usr/local}" DESTDIR="${DESTDIR:-}"
say "installed: run 'xaso --demo' to open the demo"
if [ "$demo" -eq 1 ]; then
  exec "${DESTDIR:-}${PREFIX:-/usr/local}/bin/xaso" --demo
fi
