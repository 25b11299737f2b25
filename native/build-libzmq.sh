#!/usr/bin/env bash
# Builds the bundled libzmq from the pinned source in native/libzmq-source.env:
# Debian bookworm's zeromq3 4.3.4 source package (upstream tarball checked against its pinned
# SHA-256, Debian's patches applied, then this project's native/patches/*.patch), configured
# with drafts and CURVE (built-in tweetnacl) and nothing else, linked so that the shared
# library needs only libc.
#
#   native/build-libzmq.sh [--install-toolchain] [--out=DIR] [--rid=RID] [--source-env=FILE] [--test]
#   (each value may also follow its option as a separate argument)
#
# RIDs: linux-x64 (the host's g++), linux-arm64 (Debian's aarch64-linux-gnu cross g++) and
# win-x64 (MinGW-w64's win32-threads g++, see below). One source, one set of patches and flags.
#
# Output (DIR defaults to artifacts/native/<rid>):
#   libzmq.so          stripped shared library (needs only libc, libm, libpthread)   [linux-*]
#   libzmq.a           static library (position-independent) for NativeAOT static linking [linux-*]
#   libzmq.dll         stripped DLL needing only Windows' own DLLs                       [win-x64]
#   include/zmq.h      the matching header
#   COPYING.txt, COPYING.LESSER.txt  libzmq's licence (LGPL-3.0 with a static-linking exception)
#   build-info.txt     what was built: version, source, flags, cache key
#
# --test also builds libzmq's own test suite with the same flags and patches (cached beside the
# library) and runs it with ctest, as a distribution would before shipping the library
# (linux-x64 only: the cross builds are tested by the binding's portable suite under emulators).
#
# The result is cached under $ZMQ_NATIVE_CACHE (default ~/.cache/zmq-native/<rid>-<key>), the key
# hashing the pinned source, the flags, the patches and this script, so a repeat build only copies. A
# failed step prints one line naming it and leaves nothing in the cache: everything is built in
# a scratch folder and moved into place only when complete.
#
# apt is used only through a private configuration (own sources list, own lists and cache
# folders under the scratch folder); of the machine's apt set-up only the Debian mirror is read
# (build/debian-mirror.sh; ZMQ_DEBIAN_MIRROR overrides it), and nothing of it is changed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
rid=linux-x64
out=""
source_env="$here/libzmq-source.env"
install_toolchain=0
run_tests=0
need_value() { [ $# -ge 2 ] || { echo "build-libzmq.sh: option '$1' needs a value" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --install-toolchain) install_toolchain=1 ;;
    --test) run_tests=1 ;;
    --out=*) out="${1#*=}" ;;
    --rid=*) rid="${1#*=}" ;;
    --source-env=*) source_env="${1#*=}" ;;
    --out) need_value "$@"; out="$2"; shift ;;
    --rid) need_value "$@"; rid="$2"; shift ;;
    --source-env) need_value "$@"; source_env="$2"; shift ;; # another pin file (the failure tests use a broken one)
    -h|--help) sed -n '2,33p' "$0"; exit 0 ;;
    *) echo "build-libzmq.sh: unknown option '$1' (expected --install-toolchain, --out=DIR, --rid=RID, --source-env=FILE, --test)" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$out" ] || out="$repo/artifacts/native/$rid"

fail() { echo "build-libzmq.sh: $*" >&2; exit 1; }

# Per RID: the compilers (and the Debian package that has them), binutils, and the flags that only
# that target needs. Every other flag is shared (cmake_flags below).
target_flags=()
case "$rid" in
  linux-x64)
    cc=gcc; cxx=g++; tool_prefix=""; compiler_package=g++ ;;
  linux-arm64)
    cc=aarch64-linux-gnu-gcc; cxx=aarch64-linux-gnu-g++; tool_prefix=aarch64-linux-gnu-
    compiler_package=g++-aarch64-linux-gnu
    target_flags=(-DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR=aarch64) ;;
  win-x64)
    # The win32 thread model: libzmq's own Windows threads and CONDITION_VARIABLEs
    # (ZMQ_CV_IMPL=win32api) instead of std::mutex over winpthreads, so the DLL needs no
    # libwinpthread-1.dll (the posix-model libstdc++ imports it even when linked statically).
    cc=x86_64-w64-mingw32-gcc-win32; cxx=x86_64-w64-mingw32-g++-win32; tool_prefix=x86_64-w64-mingw32-
    compiler_package=g++-mingw-w64-x86-64-win32
    target_flags=(
      -DCMAKE_SYSTEM_NAME=Windows -DCMAKE_SYSTEM_PROCESSOR=AMD64
      -DCMAKE_RC_COMPILER=x86_64-w64-mingw32-windres
      -DPOLLER=epoll            # wepoll: what libzmq picks for Windows (MSVC), needed for IPC
      -DZMQ_CV_IMPL=win32api
      -DZMQ_WIN32_WINNT=0x0A00  # Windows 10: AF_UNIX (ipc://) and the APIs wepoll needs
    ) ;;
  *) fail "RID '$rid' is not built by this script (linux-x64, linux-arm64, win-x64); see native/README.md for the recipe of other platforms" ;;
esac
if [ "$rid" != linux-x64 ]; then
  target_flags+=(
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx"
    -DCMAKE_FIND_ROOT_PATH="/usr/${tool_prefix%-}"
    -DCMAKE_FIND_ROOT_PATH_MODE_PROGRAM=NEVER
    -DCMAKE_FIND_ROOT_PATH_MODE_LIBRARY=ONLY
    -DCMAKE_FIND_ROOT_PATH_MODE_INCLUDE=ONLY
  )
  [ "$run_tests" = 0 ] || fail "--test runs libzmq's own suite on linux-x64 only; $rid is tested by the binding's portable suite under an emulator (build.cake, target CrossPlatform)"
fi

[ -f "$source_env" ] || fail "no pin file at $source_env"
# shellcheck source=libzmq-source.env
. "$source_env"
# shellcheck source=../build/debian-mirror.sh
. "$repo/build/debian-mirror.sh"

# --- toolchain -------------------------------------------------------------------------------
toolchain_packages=()
command -v cmake >/dev/null 2>&1 || toolchain_packages+=(cmake)
command -v "$cxx" >/dev/null 2>&1 || toolchain_packages+=("$compiler_package")
command -v make >/dev/null 2>&1 || toolchain_packages+=(make)
command -v dpkg-source >/dev/null 2>&1 || toolchain_packages+=(dpkg-dev)
command -v patch >/dev/null 2>&1 || toolchain_packages+=(patch)
command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: the pinned source is a Debian source package; build on Debian/Ubuntu or see native/README.md"
[ -f "$LIBZMQ_DEBIAN_KEYRING" ] || toolchain_packages+=(debian-archive-keyring)
if [ ${#toolchain_packages[@]} -gt 0 ]; then
  if [ "$install_toolchain" = 1 ]; then
    as_root=(); [ "$(id -u)" = 0 ] || as_root=(sudo)
    echo "build-libzmq.sh: installing ${toolchain_packages[*]}"
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${toolchain_packages[@]}" >/dev/null \
      || fail "installing the toolchain failed; run: apt-get install ${toolchain_packages[*]}"
  else
    fail "missing ${toolchain_packages[*]}; install with: apt-get install ${toolchain_packages[*]} (or pass --install-toolchain)"
  fi
fi

# --- cache key: pinned source + flags + this script --------------------------------------------
# Compiler and linker flags of every RID and of both libraries (.so/.dll and libzmq.a), measured in
# native/README.md against Debian's libzmq5 ("Flags and speed"):
# - hidden visibility: only what zmq.h marks ZMQ_EXPORT (the zmq_* API, drafts included) is
#   exported, so libzmq's internal calls bind locally instead of through the PLT (Debian's autotools
#   build does the same); without it the CMake build exported 6,325 symbols and ran 0.64-0.93x.
# - --exclude-libs,ALL: the statically linked C++ runtime stays private to the library, so an
#   application that loads its own libstdc++ cannot collide with ours.
# - native/libzmq.map (ELF only): the version script that makes local the C++ template
#   instantiations hidden visibility leaves exported (std::vector<...> and the like, weak symbols).
c_flags="-fvisibility=hidden"
cxx_flags="-fvisibility=hidden -fvisibility-inlines-hidden"
link_flags="-static-libstdc++ -static-libgcc -Wl,--as-needed -Wl,--exclude-libs,ALL"
# HAVE_POSIX_MEMALIGN: libzmq's autotools build (Debian's) detects it and then allocates the message
# pipes' chunks cache-line aligned (src/yqueue.hpp); the CMake build never checks for it and falls
# back to malloc. Measured: inproc 1 KiB throughput 0.34x Debian's without it, 0.87x with it.
# Windows has no posix_memalign.
case "$rid" in
  linux-*) c_flags="$c_flags -DHAVE_POSIX_MEMALIGN=1"; cxx_flags="$cxx_flags -DHAVE_POSIX_MEMALIGN=1" ;;
esac
# Link-time optimization of the shared library (Linux): libzmq's hot paths cross many small
# translation units (pipe, ypipe, msg, mailbox, signaler) that only LTO can inline into each other.
# Measured on a quiet machine: inproc throughput 1.12-1.30x Debian's (1.00-1.01x without), tcp
# within the noise of the build without. libzmq.a gets the same optimization through a relocatable
# link of all its objects into one of ordinary code (below), since NativeAOT links that archive
# with its own toolchain, which cannot read GCC's intermediate language. Not for Windows:
# unmeasured there.
case "$rid" in
  linux-*)
    c_flags="$c_flags -flto=auto -ffat-lto-objects"
    cxx_flags="$cxx_flags -flto=auto -ffat-lto-objects"
    link_flags="$link_flags -flto=auto" ;;
esac
case "$rid" in
  linux-*) version_script="$here/libzmq.map" ;;
  *) version_script="" ;; # a DLL exports only what zmq.h marks __declspec(dllexport)
esac
cmake_flags=(
  -DCMAKE_BUILD_TYPE=Release
  -DENABLE_DRAFTS=ON            # the draft API (CLIENT/SERVER, RADIO/DISH, zmq_poller, ...)
  -DENABLE_CURVE=ON             # CURVE security ...
  -DWITH_LIBSODIUM=OFF          # ... from 4.3.4's built-in tweetnacl: no libsodium dependency
  -DENABLE_WS=OFF               # no WebSocket transport: with drafts on it would link gnutls
  -DWITH_LIBBSD=OFF             # no libbsd dependency
  -DWITH_TLS=OFF
  -DWITH_DOCS=OFF
  -DBUILD_TESTS=OFF
  -DWITH_PERF_TOOL=OFF
  -DENABLE_CPACK=OFF
  -DBUILD_SHARED=ON
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON   # libzmq.a goes into position-independent executables
  "-DCMAKE_SHARED_LINKER_FLAGS=$link_flags${version_script:+ -Wl,--version-script=$version_script}"
  "${target_flags[@]}"
)
# The static library is for NativeAOT, which cannot target Windows from Linux.
case "$rid" in win-*) cmake_flags+=(-DBUILD_STATIC=OFF) ;; *) cmake_flags+=(-DBUILD_STATIC=ON) ;; esac
# Patches and upstream-style reproducers; either folder may be empty.
shopt -s nullglob
patch_files=("$here"/patches/*.patch)
reproducers=("$here"/patches/upstream/test_*.cpp)
shopt -u nullglob
key_input="$(cat "$source_env" "$0" "$here/libzmq.map" "${patch_files[@]}" "${reproducers[@]}"; printf '%s\n' "$c_flags" "$cxx_flags" "${cmake_flags[@]//$here/native}"; uname -m; "$cxx" --version | head -1)"
key="$(printf '%s' "$key_input" | sha256sum | cut -c1-16)"
cache_root="${ZMQ_NATIVE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zmq-native}"
cached="$cache_root/$rid-$key"

install_output() {
  mkdir -p "$out.tmp"
  cp -a "$cached"/. "$out.tmp"/
  rm -rf "$out"
  mv "$out.tmp" "$out"
}

# libzmq's test suite, built at its final place (CTest records absolute paths) and valid only once
# its "complete" stamp is written; an unstamped folder is a failed build and is started again.
tests_cached="$cache_root/$rid-$key-tests"

run_ctest() {
  echo "libzmq's own tests (ctest, $(nproc) jobs) on the bundled build:"
  local status=0
  ctest --test-dir "$tests_cached/build" --parallel "$(nproc)" --timeout 300 --output-on-failure \
    >"$tests_cached/ctest.log" 2>&1 || status=$?
  local passed skipped
  passed="$(grep -c ' Passed ' "$tests_cached/ctest.log" || true)"
  skipped="$(grep -c '\*\*\*Skipped\|Not Run' "$tests_cached/ctest.log" || true)"
  { grep -E 'tests passed|tests failed|Total Test time' "$tests_cached/ctest.log" || true; } | sed 's/^/  /'
  echo "  passed: $passed, skipped: $skipped (fuzzers and TIPC need what this build leaves out)"
  if [ "$status" != 0 ]; then
    { grep -E '\*\*\*Failed|\(Failed\)|\*\*\*Timeout' "$tests_cached/ctest.log" || true; } | sed 's/^/  /' >&2
    fail "libzmq's own tests failed (log: $tests_cached/ctest.log)"
  fi
}

need_library=1; [ -f "$cached/build-info.txt" ] && need_library=0
need_tests=0; [ "$run_tests" = 1 ] && [ ! -f "$tests_cached/complete" ] && need_tests=1
if [ $need_library = 0 ] && [ $need_tests = 0 ]; then
  install_output
  echo "libzmq (bundled): cached build $rid-$key -> ${out#"$repo"/}"
  [ "$run_tests" = 0 ] || run_ctest
  exit 0
fi

# --- fetch the source through a private apt configuration --------------------------------------
mkdir -p "$cache_root"
scratch="$(mktemp -d "$cache_root/.build-XXXXXX")"
trap 'rm -rf "$scratch" "$out.tmp"' EXIT
step() { echo "build-libzmq.sh: $1" >&2; }

LIBZMQ_DEBIAN_MIRROR="$(debian_mirror)" || fail "cannot choose a Debian mirror (see above)"
apt_dir="$scratch/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/sources.list.d"
echo "deb-src [signed-by=$LIBZMQ_DEBIAN_KEYRING] $LIBZMQ_DEBIAN_MIRROR $LIBZMQ_DEBIAN_SUITE main" > "$apt_dir/sources.list"
apt_private=(
  -o "Dir::Etc::sourcelist=$apt_dir/sources.list"
  -o "Dir::Etc::sourceparts=$apt_dir/sources.list.d"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir/cache"
  -o "Dir::State::status=/dev/null"
  -o "APT::Sandbox::User=root"
  -o "Debug::NoLocking=1"
)
step "fetching $LIBZMQ_DEBIAN_PACKAGE $LIBZMQ_DEBIAN_VERSION source from $LIBZMQ_DEBIAN_MIRROR ($LIBZMQ_DEBIAN_SUITE)"
apt-get "${apt_private[@]}" -qq --error-on=any update >"$scratch/apt-update.log" 2>&1 \
  || fail "fetching the source index failed (apt-get update with a private deb-src list for $LIBZMQ_DEBIAN_MIRROR): $(tail -3 "$scratch/apt-update.log" | tr '\n' ' ')"
(cd "$scratch" && apt-get "${apt_private[@]}" -qq --download-only source "$LIBZMQ_DEBIAN_PACKAGE=$LIBZMQ_DEBIAN_VERSION" >"$scratch/apt-source.log" 2>&1) \
  || fail "downloading the source package failed: $(tail -3 "$scratch/apt-source.log" | tr '\n' ' ')"

orig="$(ls "$scratch"/"${LIBZMQ_DEBIAN_PACKAGE}"_*.orig.tar.* 2>/dev/null | head -1)"
[ -n "$orig" ] || fail "the source package has no upstream tarball"
actual="$(sha256sum "$orig" | cut -d' ' -f1)"
[ "$actual" = "$LIBZMQ_ORIG_SHA256" ] \
  || fail "checksum mismatch for $(basename "$orig"): expected $LIBZMQ_ORIG_SHA256, got $actual; refusing to build"

step "unpacking with Debian's patches, then this project's"
(cd "$scratch" && dpkg-source --no-check -x ./*.dsc src >"$scratch/unpack.log" 2>&1) \
  || fail "unpacking the source package failed: $(tail -3 "$scratch/unpack.log" | tr '\n' ' ')"
patches="$(grep -v '^#' "$scratch/src/debian/patches/series" 2>/dev/null | tr '\n' ' ')"
# This project's own fixes, on top of Debian's (native/patches/*.patch, in name order).
own_patches=""
for patch_file in "${patch_files[@]}"; do
  (cd "$scratch/src" && patch -p1 --forward --quiet < "$patch_file") >"$scratch/patch.log" 2>&1 \
    || fail "applying $(basename "$patch_file") failed: $(tail -3 "$scratch/patch.log" | tr '\n' ' ')"
  own_patches="$own_patches$(basename "$patch_file") "
done

# --- configure, build, install ------------------------------------------------------------------
# build_library [BUILD_DIR]: configures and compiles the library in a tree of its own, or, given
# the test suite's build tree (built just before with the same flags: BUILD_TESTS only adds the
# tests and unittests folders), installs the library from there, so a cold --test build compiles
# libzmq once instead of twice.
build_library() {
local build_dir="${1:-}"
if [ -z "$build_dir" ]; then
build_dir="$scratch/build"
step "configuring (drafts, CURVE with tweetnacl, no WebSocket/libsodium/libbsd)"
cmake -S "$scratch/src" -B "$build_dir" \
  "-DCMAKE_C_FLAGS=$c_flags -ffile-prefix-map=$scratch/src=libzmq" "-DCMAKE_CXX_FLAGS=$cxx_flags -ffile-prefix-map=$scratch/src=libzmq" \
  "${cmake_flags[@]}" >"$scratch/configure.log" 2>&1 \
  || fail "cmake configure failed: $(tail -3 "$scratch/configure.log" | tr '\n' ' ')"
step "compiling on $(nproc) cores"
cmake --build "$build_dir" --parallel "$(nproc)" >"$scratch/build.log" 2>&1 \
  || fail "compiling failed: $(grep -m3 -i 'error' "$scratch/build.log" | tr '\n' ' ')"
else
step "taking the library from the test suite's build (one compile for both)"
fi
cmake --install "$build_dir" --prefix "$scratch/install" >"$scratch/install.log" 2>&1 || fail "cmake install failed"

staged="$scratch/staged"
mkdir -p "$staged/include"
case "$rid" in
  win-*)
    library=libzmq.dll
    cp "$scratch/install/bin/libzmq.dll" "$staged/$library" ;;
  *)
    library=libzmq.so
    shared="$(ls "$scratch"/install/lib*/libzmq.so.*.*.* | head -1)"
    cp "$shared" "$staged/$library"
    # libzmq.a as one object, link-time optimized across all of libzmq's translation units by a
    # relocatable link (-r) that writes ordinary code (-flinker-output=nolto-rel): whatever links
    # the archive (NativeAOT's toolchain, which cannot read GCC's intermediate language) then gets
    # the cross-unit inlining the shared library has. The archive of the separate fat objects had
    # only their ordinary code, and ran small messages a fifth slower than libzmq.so (measured
    # with bench/native/compare-libzmq.py: static at 1.03-1.07x Debian's at 1 B, LTO'd 1.23-1.28x,
    # libzmq.so 1.24-1.33x). One partition: GCC 12's partitioning of a relocatable link stops with
    # an internal compiler error. Hidden symbols stay hidden, so an executable exports none of them.
    archive="$(ls "$scratch"/install/lib*/libzmq.a | head -1)"
    mkdir "$scratch/objects"
    (cd "$scratch/objects" && "${tool_prefix}ar" x "$archive") || fail "unpacking libzmq.a for its link-time optimization failed"
    # ar x writes members of the same name over each other: every member must have come out.
    [ "$("${tool_prefix}ar" t "$archive" | wc -l)" -eq "$(ls "$scratch"/objects/*.o | wc -l)" ] \
      || fail "libzmq.a has members of the same name; unpacking it would lose objects"
    "$cxx" -flto=auto -flto-partition=one -r -flinker-output=nolto-rel -nostdlib \
      -o "$scratch/libzmq-lto.o" "$scratch"/objects/*.o >"$scratch/lto.log" 2>&1 \
      || fail "the link-time optimization of libzmq.a failed: $(grep -m3 -i 'error' "$scratch/lto.log" | tr '\n' ' ')"
    # One object also means all of libzmq is linked whenever any of it is, with every strong symbol
    # it defines: the C functions it carries (tweetnacl's crypto_* and randombytes, sodium_init,
    # sha1_*) and its C++ ones, some in the global namespace (the radix tree's node_t). Hidden, but
    # global, so an executable or another static library defining one of those names would fail to
    # link. Nothing outside this object may call any of them (the API is zmq_*), so they become
    # local. Unlike libzmq.so's version script, the weak and unique symbols stay global (C++
    # template and inline instances, libzmq's own among them, and typeinfo, in COMDAT groups the
    # linker merges by name: a local group signature could leave references into a discarded copy).
    symbols="$("${tool_prefix}nm" --defined-only -g "$scratch/libzmq-lto.o")" || fail "reading libzmq.a's symbols failed"
    printf '%s\n' "$symbols" | awk 'NF == 3 && $2 ~ /^[TDBR]$/ && $3 !~ /^zmq_/ { print $3 }' >"$scratch/localized.txt"
    "${tool_prefix}objcopy" --localize-symbols="$scratch/localized.txt" "$scratch/libzmq-lto.o" \
      || fail "making libzmq.a's internal symbols local failed"
    # Anything global, defined and not weak or unique (of any type: common, indirect, thread-local
    # included) beyond zmq_* is a leak.
    symbols="$("${tool_prefix}nm" --defined-only -g "$scratch/libzmq-lto.o")" || fail "reading libzmq.a's symbols failed"
    leaked="$(printf '%s\n' "$symbols" | awk 'NF == 3 && $2 !~ /^[VWvwu]$/ && $3 !~ /^zmq_/ { print $2 " " $3 }')"
    [ -z "$leaked" ] || fail "libzmq.a still defines global symbols beyond zmq_*: $(printf '%s\n' "$leaked" | head -5 | tr '\n' ' ')"
    "${tool_prefix}ar" rcs "$staged/libzmq.a" "$scratch/libzmq-lto.o" || fail "packing libzmq.a failed"
    if "${tool_prefix}objdump" -h "$staged/libzmq.a" | grep -q '\.gnu\.lto_'; then
      fail "libzmq.a still holds LTO sections"
    fi ;;
esac
"${tool_prefix}strip" --strip-unneeded "$staged/$library"
cp "$scratch/install/include/zmq.h" "$staged/include/"
cp "$scratch/src/COPYING" "$staged/COPYING.txt"
cp "$scratch/src/COPYING.LESSER" "$staged/COPYING.LESSER.txt"

case "$rid" in
  win-*)
    # Only DLLs every Windows has: no MinGW runtime (libstdc++, libgcc, winpthread) may be needed.
    needed="$("${tool_prefix}objdump" -p "$staged/$library" | sed -n 's/.*DLL Name: //p' | tr '\n' ' ')"
    for lib in $needed; do
      case "$(printf '%s' "$lib" | tr '[:upper:]' '[:lower:]')" in
        kernel32.dll|advapi32.dll|ws2_32.dll|iphlpapi.dll|msvcrt.dll) ;;
        *) fail "the built $library needs $lib; only Windows' own DLLs are allowed (check the linker flags)" ;;
      esac
    done ;;
  *)
    needed="$(readelf -d "$staged/$library" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
    for lib in $needed; do
      case "$lib" in
        libc.so.*|libm.so.*|libpthread.so.*|librt.so.*|libdl.so.*|ld-linux*) ;;
        *) fail "the built $library needs $lib; only libc is allowed (check the linker flags)" ;;
      esac
    done ;;
esac

# Exports: libzmq's API and nothing else. The allowed names are the functions zmq.h declares with
# ZMQ_EXPORT (drafts included: the header lists them all), so nothing internal, and above all no
# symbol of the statically linked C++ runtime, reaches an application's symbol space.
# tests/Zmq.Tests/Native/ExportedSymbolsTests.cs checks the same on every RID's artifacts.
api="$(tr '\n' ' ' < "$staged/include/zmq.h" | grep -oP 'ZMQ_EXPORT\s+[^(;#]*?\b\Kzmq_\w+(?=\s*\()' | sort -u)"
[ "$(printf '%s\n' "$api" | wc -l)" -ge 60 ] || fail "found too few ZMQ_EXPORT functions in zmq.h to check the exports against"
case "$rid" in
  win-*) exported="$("${tool_prefix}objdump" -p "$staged/$library" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/s/^\s*\[ *[0-9]*\] //p')" ;;
  *) exported="$("${tool_prefix}nm" -D --defined-only "$staged/$library" | awk '{print $NF}')" ;;
esac
[ -n "$exported" ] || fail "the built $library exports nothing (or its export table could not be read)"
unexpected="$(printf '%s\n' "$exported" | sort -u | comm -23 - <(printf '%s\n' "$api"))"
[ -z "$unexpected" ] || fail "the built $library exports $(printf '%s\n' "$unexpected" | wc -l) symbols beyond zmq.h's API, e.g. $(printf '%s\n' "$unexpected" | head -5 | tr '\n' ' ')(check the visibility and --exclude-libs flags)"
exported_count="$(printf '%s\n' "$exported" | wc -l)"

version="$(sed -n 's/^#define ZMQ_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\)/\2/p' "$staged/include/zmq.h" | paste -sd.)"
{
  echo "version=$version"
  echo "source=$LIBZMQ_DEBIAN_PACKAGE $LIBZMQ_DEBIAN_VERSION ($LIBZMQ_DEBIAN_SUITE)"
  echo "orig_sha256=$LIBZMQ_ORIG_SHA256"
  echo "debian_patches=${patches% }"
  echo "project_patches=${own_patches% }"
  echo "c_flags=$c_flags"
  echo "cxx_flags=$cxx_flags"
  echo "cmake_flags=${cmake_flags[*]//$here/native}"
  echo "needed=${needed% }"
  echo "exported=$exported_count functions, all declared ZMQ_EXPORT in zmq.h"
  echo "compiler=$("$cxx" --version | head -1)"
  echo "rid=$rid"
  echo "cache_key=$key"
} > "$staged/build-info.txt"

# Publish into the cache atomically: a rename, so a half-written entry never exists. Entries of
# earlier pins or flags for this RID are dropped: the cache holds one build per RID.
rm -rf "$cached"
mv "$staged" "$cached"
find "$cache_root" -mindepth 1 -maxdepth 1 -name "$rid-*" ! -name "$rid-$key" ! -name "$rid-$key-tests" -exec rm -rf {} +
echo "libzmq (bundled): built $version for $rid in ${SECONDS}s (cache $rid-$key)"
}

build_tests() {
  step "building libzmq's test suite with the same flags and patches (once; cached)"
  rm -rf "$tests_cached"
  mkdir -p "$tests_cached"
  cp -a "$scratch/src" "$tests_cached/src"
  # This project's reproducers, in libzmq's test style, join the suite (native/patches/upstream).
  for reproducer in "${reproducers[@]}"; do
    cp "$reproducer" "$tests_cached/src/tests/"
    sed -i "0,/^set(tests\$/s//set(tests\n    $(basename "$reproducer" .cpp)/" "$tests_cached/src/tests/CMakeLists.txt"
  done
  cmake -S "$tests_cached/src" -B "$tests_cached/build" \
    "-DCMAKE_C_FLAGS=$c_flags -ffile-prefix-map=$tests_cached/src=libzmq" "-DCMAKE_CXX_FLAGS=$cxx_flags -ffile-prefix-map=$tests_cached/src=libzmq" \
    "${cmake_flags[@]}" -DBUILD_TESTS=ON >"$tests_cached/configure.log" 2>&1 \
    || fail "cmake configure of the test suite failed: $(tail -3 "$tests_cached/configure.log" | tr '\n' ' ')"
  cmake --build "$tests_cached/build" --parallel "$(nproc)" >"$tests_cached/build.log" 2>&1 \
    || fail "compiling the test suite failed: $(grep -m3 -i 'error' "$tests_cached/build.log" | tr '\n' ' ')"
  touch "$tests_cached/complete"
}

if [ $need_library = 1 ] && [ $need_tests = 1 ]; then
  build_tests
  need_tests=0
  build_library "$tests_cached/build"
elif [ $need_library = 1 ]; then
  build_library
fi
install_output
echo "libzmq (bundled): -> ${out#"$repo"/}"
if [ "$run_tests" = 1 ]; then
  [ $need_tests = 0 ] || build_tests
  run_ctest
fi
