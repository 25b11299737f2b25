#!/usr/bin/env bash
# The package-consumer test: a console project created outside the repository restores Zmq from
# the local feed given as $1 (and nothing else: no other feed, an empty package cache), then runs
# Program.cs with `dotnet run` and again from a `dotnet publish` folder. Program.cs checks that the
# bundled libzmq of Zmq.Native loaded (not the OS one) and runs request-reply, CURVE and a draft
# CLIENT/SERVER pair. $2 (optional, comma-separated, default linux-x64) lists the RIDs whose
# library the package must hold, each under the name the resolver loads; for win-x64 a publish for
# that RID must also put libzmq.dll beside the executable.
set -euo pipefail
feed="${1:?usage: run.sh <local feed folder> [rid,rid...]}"
IFS=, read -r -a expected_rids <<< "${2:-linux-x64}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d /tmp/zmq-package-consumer-XXXXXX)"
trap 'rm -rf "$work"' EXIT
version="$(ls "$feed"/Zmq.[0-9]*.nupkg | head -1 | sed 's/.*Zmq\.\(.*\)\.nupkg/\1/')"

cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
  </packageSources>
</configuration>
XML
cat > "$work/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RestorePackagesPath>$work/packages</RestorePackagesPath>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Zmq" Version="$version" />
  </ItemGroup>
</Project>
XML
cp "$here/Program.cs" "$work/"
cd "$work"
echo "package consumer: restoring Zmq $version from $feed only, into $work"
dotnet restore --nologo -v quiet
packaged="$work/packages/zmq.native/$version/runtimes/linux-x64/native/libzmq.so"
test -f "$packaged" || { echo "Zmq.Native's libzmq.so was not restored" >&2; exit 1; }
for rid in "${expected_rids[@]}"; do
  case "$rid" in win-*) library=libzmq.dll ;; *) library=libzmq.so ;; esac
  test -f "$work/packages/zmq.native/$version/runtimes/$rid/native/$library" \
    || { echo "Zmq.Native $version has no runtimes/$rid/native/$library" >&2; exit 1; }
  echo "package consumer: Zmq.Native holds runtimes/$rid/native/$library"
done
echo "--- dotnet run (the package's library copied under bin/.../runtimes/linux-x64/native)"
dotnet run --no-restore -v quiet -- "$packaged"
echo "--- dotnet publish, run from the publish folder (native library beside the app)"
dotnet publish -v quiet -r linux-x64 --self-contained false -o "$work/out" >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }
"$work/out/Consumer" "$packaged"
if printf '%s\n' "${expected_rids[@]}" | grep -qx win-x64; then
  # No apphost: the win-x64 one is a download from the NuGet feed, and this feed is the local one only.
  echo "--- dotnet publish -r win-x64: libzmq.dll must land beside Consumer.dll"
  dotnet publish -v quiet -r win-x64 --self-contained false -p:UseAppHost=false -o "$work/out-win" >"$work/publish-win.log" 2>&1 || { cat "$work/publish-win.log" >&2; exit 1; }
  test -f "$work/out-win/Consumer.dll" -a -f "$work/out-win/libzmq.dll" || { echo "win-x64 publish lacks Consumer.dll or libzmq.dll: $(ls "$work/out-win")" >&2; exit 1; }
  test ! -e "$work/out-win/libzmq.so" || { echo "win-x64 publish also holds libzmq.so" >&2; exit 1; }
  echo "package consumer: the win-x64 publish has Consumer.dll and libzmq.dll (and no Linux library)"
fi
