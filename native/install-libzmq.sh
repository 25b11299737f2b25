#!/usr/bin/env bash
# Installs the native libzmq runtime (4.3+) this binding loads, and optionally what the tests and
# benchmarks need besides. Idempotent: it installs nothing that is already there.
#
#   native/install-libzmq.sh            libzmq runtime only
#   native/install-libzmq.sh --python   + pyzmq for the interop tests (Debian's python3-zmq)
#   native/install-libzmq.sh --dev      + headers and a C compiler for the native C benchmark
#   native/install-libzmq.sh --netns    + iproute2 (ip netns, veth) for the multi-host tests (Linux)
#
# Debian/Ubuntu use apt (the supported CI platform). Fedora, Alpine and macOS are handled with
# their package managers; on Windows install zeromq with vcpkg (see native/README.md).
set -euo pipefail

want_python=0
want_dev=0
want_netns=0
for arg in "$@"; do
  case "$arg" in
    --python) want_python=1 ;;
    --dev) want_dev=1 ;;
    --netns) want_netns=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "install-libzmq.sh: unknown option '$arg' (expected --python, --dev, --netns)" >&2; exit 2 ;;
  esac
done

have_runtime() {
  if command -v ldconfig >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q 'libzmq\.so\.5'; then return 0; fi
  for dir in /usr/lib /usr/lib64 /usr/local/lib /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /opt/homebrew/lib; do
    ls "$dir"/libzmq.so.5 "$dir"/libzmq.5.dylib >/dev/null 2>&1 && return 0
  done
  return 1
}
have_python() { /usr/bin/python3 -c 'import zmq' >/dev/null 2>&1; }
have_dev() { [ -f /usr/include/zmq.h ] || [ -f /usr/local/include/zmq.h ] || [ -f /opt/homebrew/include/zmq.h ]; }
have_ip() { [ "$(uname -s)" != Linux ] || command -v ip >/dev/null 2>&1 || [ -x /sbin/ip ] || [ -x /usr/sbin/ip ]; }
have_cc() { command -v gcc >/dev/null 2>&1 || command -v cc >/dev/null 2>&1; }

missing=()
have_runtime || missing+=(runtime)
if [ "$want_python" = 1 ] && ! have_python; then missing+=(python); fi
if [ "$want_dev" = 1 ] && { ! have_dev || ! have_cc; }; then missing+=(dev); fi
if [ "$want_netns" = 1 ] && ! have_ip; then missing+=(netns); fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "libzmq: everything requested is already installed"
  exit 0
fi

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "install-libzmq.sh: need root (or sudo) to run: $*" >&2; exit 1
  fi
}

packages=()
if command -v apt-get >/dev/null 2>&1; then
  for m in "${missing[@]}"; do
    case "$m" in
      runtime) packages+=(libzmq5) ;;
      python) packages+=(python3 python3-zmq) ;;
      dev) packages+=(libzmq3-dev gcc libc6-dev) ;;
      netns) packages+=(iproute2) ;;
    esac
  done
  echo "libzmq: installing ${packages[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
elif command -v dnf >/dev/null 2>&1; then
  for m in "${missing[@]}"; do
    case "$m" in
      runtime) packages+=(zeromq) ;;
      python) packages+=(python3-zmq) ;;
      dev) packages+=(zeromq-devel gcc) ;;
      netns) packages+=(iproute) ;;
    esac
  done
  as_root dnf install -y "${packages[@]}"
elif command -v apk >/dev/null 2>&1; then
  for m in "${missing[@]}"; do
    case "$m" in
      runtime) packages+=(libzmq) ;;
      python) packages+=(py3-zmq) ;;
      dev) packages+=(zeromq-dev gcc musl-dev) ;;
      netns) packages+=(iproute2) ;;
    esac
  done
  as_root apk add --no-cache "${packages[@]}"
elif command -v brew >/dev/null 2>&1; then
  brew list zeromq >/dev/null 2>&1 || brew install zeromq
  if [ "$want_python" = 1 ]; then python3 -m pip install --user pyzmq; fi
else
  echo "install-libzmq.sh: no supported package manager found; install libzmq 4.3+ yourself and set ZMQ_LIBRARY_PATH (see native/README.md)" >&2
  exit 1
fi

have_runtime || { echo "install-libzmq.sh: libzmq is still not found after installing" >&2; exit 1; }
echo "libzmq: installed"
