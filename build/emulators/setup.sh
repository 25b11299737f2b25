#!/usr/bin/env bash
# Prepares this Debian machine to run the binding's linux-arm64 and win-x64 builds under emulators:
#   - qemu-user-static (qemu-aarch64-static) and wine64 (Debian's wine 8.0), from apt, if missing;
#   - a linux-arm64 runtime root for qemu (QEMU_LD_PREFIX): Debian bookworm's arm64 libc6,
#     libgcc-s1, libstdc++6, libssl3, libicu72 and zlib1g, downloaded through a private apt
#     configuration (arch arm64) and unpacked, so the machine's own apt set-up and dpkg
#     architectures are never changed; cached like the native builds;
#   - a throwaway wine prefix outside the repository (build/emulators/locations.sh): its
#     dosdevices/z: links to /, and tools that walk the checkout (BenchmarkDotNet looking for a
#     project file) would follow it into /proc.
# Packages come from the Debian mirror this machine's apt already uses (build/debian-mirror.sh;
# ZMQ_DEBIAN_MIRROR overrides it).
# Idempotent; prints one line per step. Run programs with build/emulators/run <rid> <program> args.
#
#   build/emulators/setup.sh [linux-arm64] [win-x64]     (both when none is named)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=../debian-mirror.sh
. "$here/../debian-mirror.sh"
# shellcheck source=locations.sh
. "$here/locations.sh"
rids=("$@"); [ ${#rids[@]} -gt 0 ] || rids=(linux-arm64 win-x64)
fail() { echo "emulators/setup.sh: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else fail "need root (or sudo) for: $*"; fi; }

packages=()
for rid in "${rids[@]}"; do
  case "$rid" in
    linux-arm64) command -v qemu-aarch64-static >/dev/null 2>&1 || packages+=(qemu-user-static) ;;
    win-x64) [ -x /usr/lib/wine/wine64 ] || packages+=(wine64) ;;
    *) fail "unknown RID '$rid' (expected linux-arm64 or win-x64)" ;;
  esac
done
if [ ${#packages[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: install ${packages[*]} with your package manager"
  echo "emulators: installing ${packages[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null || fail "installing ${packages[*]} failed"
fi

for rid in "${rids[@]}"; do
  case "$rid" in
  linux-arm64)
    # The .NET runtime needs libstdc++, libssl (cryptography) and ICU (globalization) besides libc.
    libraries=(libc6 libgcc-s1 libstdc++6 libssl3 libicu72 zlib1g)
    key="$(printf '%s\n' "${libraries[@]}" "$(cat "$0")" | sha256sum | cut -c1-16)"
    cache_root="${ZMQ_NATIVE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zmq-native}"
    sysroot="$cache_root/sysroot-linux-arm64-$key"
    if [ ! -f "$sysroot/complete" ]; then
      mkdir -p "$cache_root"
      scratch="$(mktemp -d "$cache_root/.sysroot-XXXXXX")"
      trap 'rm -rf "$scratch"' EXIT
      mkdir -p "$scratch/apt/lists/partial" "$scratch/apt/cache/archives/partial" "$scratch/apt/sources.list.d" "$scratch/debs" "$scratch/root"
      keyring=/usr/share/keyrings/debian-archive-keyring.gpg
      [ -f "$keyring" ] || as_root apt-get install -y -qq debian-archive-keyring >/dev/null
      mirror="$(debian_mirror)" || fail "cannot choose a Debian mirror (see above)"
      security="$(debian_security_mirror)"
      {
        echo "deb [arch=arm64 signed-by=$keyring] $mirror bookworm main"
        [ -z "$security" ] || echo "deb [arch=arm64 signed-by=$keyring] $security bookworm-security main"
      } > "$scratch/apt/sources.list"
      apt_private=(
        -o "Dir::Etc::sourcelist=$scratch/apt/sources.list" -o "Dir::Etc::sourceparts=$scratch/apt/sources.list.d"
        -o "Dir::State::Lists=$scratch/apt/lists" -o "Dir::Cache=$scratch/apt/cache" -o "Dir::State::status=/dev/null"
        -o "APT::Architecture=arm64" -o "APT::Architectures::=arm64" -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1"
      )
      apt-get "${apt_private[@]}" -qq --error-on=any update >"$scratch/update.log" 2>&1 \
        || fail "fetching the arm64 package index failed: $(tail -3 "$scratch/update.log" | tr '\n' ' ')"
      (cd "$scratch/debs" && apt-get "${apt_private[@]}" -qq download "${libraries[@]}") >"$scratch/download.log" 2>&1 \
        || fail "downloading ${libraries[*]} (arm64) failed: $(tail -3 "$scratch/download.log" | tr '\n' ' ')"
      for deb in "$scratch"/debs/*.deb; do dpkg-deb -x "$deb" "$scratch/root"; done
      (cd "$scratch/debs" && ls) > "$scratch/root/packages.txt"
      touch "$scratch/root/complete"
      rm -rf "$sysroot"
      mv "$scratch/root" "$sysroot"
      find "$cache_root" -mindepth 1 -maxdepth 1 -name 'sysroot-linux-arm64-*' ! -name "sysroot-linux-arm64-$key" -exec rm -rf {} +
      echo "emulators: linux-arm64 runtime root built ($(wc -l < "$sysroot/packages.txt") packages)"
    fi
    mkdir -p "$repo/artifacts/emulators"
    ln -sfn "$sysroot" "$repo/artifacts/emulators/linux-arm64-root"
    echo "emulators: linux-arm64 ready (qemu-aarch64-static, QEMU_LD_PREFIX=artifacts/emulators/linux-arm64-root)"
    ;;
  win-x64)
    if [ ! -f "$wine_prefix/system.reg" ]; then
      mkdir -p "$wine_prefix"
      WINEPREFIX="$wine_prefix" WINEDEBUG=-all /usr/lib/wine/wine64 wineboot --init >/dev/null 2>&1 || fail "creating the wine prefix failed"
    fi
    # A prefix that older versions of this script made inside the checkout would still trip
    # tools that walk the tree (its z: drive links to /).
    rm -rf "$repo/artifacts/emulators/wineprefix"
    echo "emulators: win-x64 ready (wine64 $(/usr/lib/wine/wine64 --version 2>/dev/null), WINEPREFIX=$wine_prefix)"
    ;;
  esac
done
