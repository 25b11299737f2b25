#!/usr/bin/env bash
# The static NativeAOT test: executables published with ZmqLinkStatically=true (libzmq.a linked in)
# must need no libzmq at all. Checks, for the folder given as $1:
#   1. ldd lists no libzmq for any of them, and no libzmq.so was published beside them;
#   2. in a private mount namespace where every system libzmq file is hidden (bind-mounted over by
#      /dev/null) - first proven hidden by a dlopen that must fail - the AOT smoke test passes and a
#      three-process push/pull pipeline (ventilator -> worker -> sink over ipc) delivers every message.
set -euo pipefail
dir="$(cd "${1:?usage: run.sh <folder with Zmq.AotSmoke and pipeline>}" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
fail() { echo "static-aot: $*" >&2; exit 1; }

for exe in Zmq.AotSmoke pipeline; do
  [ -x "$dir/$exe" ] || fail "$dir/$exe is missing"
  if ldd "$dir/$exe" | grep -q libzmq; then fail "$exe still needs libzmq: $(ldd "$dir/$exe" | grep libzmq)"; fi
done
if ls "$dir"/libzmq* >/dev/null 2>&1; then fail "a libzmq file was published beside the executables"; fi
echo "static-aot: ldd shows no libzmq for Zmq.AotSmoke and pipeline"

unshare --mount true 2>/dev/null || fail "cannot create a mount namespace (unshare --mount needs root); the hidden-library check cannot run"

# Every libzmq file the loader could find, resolved to real files.
hidden=()
for candidate in $(ldconfig -p | sed -n 's/.*libzmq.* => //p') /usr/lib/*/libzmq.so* /usr/lib/libzmq.so* /usr/local/lib/libzmq.so*; do
  [ -e "$candidate" ] && hidden+=("$(readlink -f "$candidate")")
done
mapfile -t hidden < <(printf '%s\n' "${hidden[@]}" | sort -u)
echo "static-aot: hiding ${#hidden[@]} system libzmq file(s): ${hidden[*]:-none}"

work="$(mktemp -d /tmp/zmq-static-aot-XXXXXX)"
trap 'rm -rf "$work"' EXIT
probe="$repo/tests/Zmq.TestHost/bin/Release/net10.0/Zmq.TestHost.dll"

unshare --mount bash -s "$dir" "$work" "$probe" "${hidden[@]}" <<'INNER'
set -euo pipefail
dir="$1"; work="$2"; probe="$3"; shift 3
mount --make-rprivate / 2>/dev/null || true
for file in "$@"; do mount --bind /dev/null "$file"; done
# Proof that the loader finds no libzmq here: the framework-dependent test host asked to load the
# system library must fail.
if [ -f "$probe" ] && ZMQ_LIBRARY_PATH=libzmq.so.5 dotnet "$probe" describe >/dev/null 2>&1; then
  echo "static-aot: the system libzmq is still loadable inside the namespace" >&2; exit 1
fi
echo "static-aot: inside the namespace, loading libzmq.so.5 fails as intended"
"$dir/Zmq.AotSmoke" --expect-origin=StaticallyLinked
count=5
"$dir/pipeline" sink --bind="ipc://$work/sink" --count=$count --timeout=20000 > "$work/sink.log" 2>&1 &
sink=$!
"$dir/pipeline" worker --pull="ipc://$work/vent" --push="ipc://$work/sink" --count=$count --timeout=20000 > "$work/worker.log" 2>&1 &
worker=$!
"$dir/pipeline" ventilator --bind="ipc://$work/vent" --count=$count --interval=0 > "$work/vent.log" 2>&1
wait "$sink" || { echo "static-aot: sink failed:"; cat "$work/sink.log"; exit 1; } >&2
wait "$worker" || { echo "static-aot: worker failed:"; cat "$work/worker.log"; exit 1; } >&2
received=$(grep -c '^response: ' "$work/sink.log" || true)
[ "$received" = "$count" ] || { echo "static-aot: the sink received $received of $count"; cat "$work/sink.log"; exit 1; } >&2
echo "static-aot: pipeline ventilator -> worker -> sink delivered $received of $count messages with no libzmq on the machine"
INNER
