#!/usr/bin/env bash
# Installs Debian's prometheus package (the real Prometheus server the hosting tests scrape the
# sample service with) if it is missing, and makes sure it does not run as a system service: the
# tests start their own instance, with a generated configuration, on a free port, and stop it by PID.
# Packages come from the Debian archive this machine's apt already uses (the same apt set-up
# native/install-libzmq.sh and build/emulators/setup.sh install from); the repository names no
# package host. Idempotent; prints one line.
#
#   build/prometheus/setup.sh            prints the path of the prometheus binary on success
set -euo pipefail

fail() { echo "prometheus/setup.sh: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else fail "need root (or sudo) for: $*"; fi; }

binary="$(command -v prometheus || true)"
[ -n "$binary" ] || { [ -x /usr/bin/prometheus ] && binary=/usr/bin/prometheus; }
if [ -z "$binary" ]; then
  command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: install Prometheus (2.x or later) with your package manager and put it on PATH"
  echo "prometheus: installing Debian's prometheus package with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  # The package's maintainer scripts start the service through invoke-rc.d/deb-systemd-invoke; a
  # policy-rc.d answering 101 ("action forbidden") keeps them from it. Only our own file is removed.
  policy=/usr/sbin/policy-rc.d
  own_policy=
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy"
    own_policy=1
  fi
  cleanup() { [ -z "$own_policy" ] || as_root rm -f "$policy"; }
  trap cleanup EXIT
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends prometheus >/dev/null || fail "installing prometheus failed"
  binary=/usr/bin/prometheus
fi
# Where systemd runs, the unit may have been enabled all the same: stop and disable it, so the only
# Prometheus on this machine is the one a test starts.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  as_root systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
"$binary" --version >/dev/null 2>&1 || fail "$binary does not run"
echo "$binary"
