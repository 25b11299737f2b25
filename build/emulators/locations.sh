# Sourced by build/emulators/setup.sh and build/emulators/run: where the emulators' state lives.
#
# The wine prefix stays outside the repository: its dosdevices/z: links to /, so anything that walks
# the checkout (BenchmarkDotNet looking for a project file, a recursive grep) would follow it into
# /proc. ZMQ_WINEPREFIX overrides the place.
wine_prefix="${ZMQ_WINEPREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/zmq-emulators/wineprefix}"
