#!/usr/bin/env bash
# Uses the packages in artifacts/packages the way a new user outside the repository would, in a temp folder:
# installs the templates (dotnet new install, with DOTNET_CLI_HOME isolated) and the flireo-tools command
# (--tool-path; the SDK picks this machine's RID package, Flireo.Tools.Cli.linux-x64 say, and a check reads the installed
# assemblies' PE headers for ReadyToRun code with eng/readytorun.sh; the portable any package is run too), creates a tool
# library with flireo-tools-lib and runs its tests, lints it with flireo-tools validate, serves it with 'flireo-tools
# serve' and pastes the banner's signed curl (the README quickstart), and builds an app made with flireo-tools-web, all
# against the local packages (a temp nuget.config: artifacts/packages plus nuget.org). Prints its wall time and ends with
# "verify-packages: N passed, N failed".
#   eng/verify-packages.sh [--pack]    (--pack runs eng/check-packages.sh first; otherwise artifacts/packages must exist)
# .ci/run runs it after eng/check-packages.sh and counts its checks in the final Tests: line.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
started=$SECONDS
if [ "${1:-}" = --pack ]; then eng/check-packages.sh || exit 1; fi
packages="$repo/artifacts/packages"
templates=$(ls "$packages"/Flireo.Tools.Templates.[0-9]*.nupkg 2>/dev/null | head -1)
if [ -z "$templates" ]; then echo "verify-packages: 0 passed, 1 failed (no packages in $packages; run eng/check-packages.sh)"; exit 1; fi
version=$(basename "$templates" .nupkg | sed 's/^Flireo\.Tools\.Templates\.//')

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_HOME="$work/home" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The global NuGet cache stays warm; only this version of our own packages is dropped from it, so a rebuilt package of the
# same commit (uncommitted edits) is not served from the cache.
cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
for id in flireo.tools flireo.tools.aspnetcore flireo.tools.sqlite flireo.tools.redis flireo.tools.testing flireo.tools.mcp flireo.tools.hosting flireo.tools.cli flireo.tools.templates; do
  rm -rf "${cache:?}/$id/$version"
done
rm -rf "${cache:?}"/flireo.tools.cli.*/"$version"
cat >"$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="flireo-local" value="$packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML

passed=0; failed=0
step() { # step <description> <command...>
  local what=$1; shift
  local t=$SECONDS
  if (cd "$work" && "$@") >"$work/step.log" 2>&1; then
    passed=$((passed + 1)); echo "verify-packages: ok   $what ($((SECONDS - t)) s)"
  else
    failed=$((failed + 1)); echo "verify-packages: FAIL $what ($((SECONDS - t)) s)"; tail -40 "$work/step.log" | sed 's/^/    /'
  fi
}

step "dotnet new install Flireo.Tools.Templates $version" dotnet new install "$templates"
step "dotnet new flireo-tools-lib" dotnet new flireo-tools-lib -n Acme.Tools -o lib
step "flireo-tools-lib: dotnet test" dotnet test lib/Acme.Tools.Tests -c Release
step "dotnet tool install Flireo.Tools.Cli (--tool-path)" dotnet tool install Flireo.Tools.Cli --version "$version" --tool-path tools --configfile nuget.config
# The package dotnet tool install chose: this machine's RID package when the pointer package lists one, else the portable
# any package; a RID package must hold ReadyToRun code (flireo-tools.dll and the Flireo.Tools assemblies), any none.
installed_tool() {
  local rid listed chosen files report want
  rid=$(dotnet --info | sed -nE 's/^ *RID: *//p' | head -1)
  listed=$(unzip -p "$packages/Flireo.Tools.Cli.$version.nupkg" tools/any/any/DotnetToolSettings.xml | sed -nE 's/.*RuntimeIdentifier="([^"]+)".*/\1/p')
  grep -qx "$rid" <<<"$listed" || rid=any
  chosen=$(ls -d tools/.store/flireo.tools.cli/"$version"/flireo.tools.cli.*/ 2>/dev/null)
  echo "this machine: $rid; installed: ${chosen:-nothing}"
  [ "$chosen" = "tools/.store/flireo.tools.cli/$version/flireo.tools.cli.$rid/" ] || return 1
  files=$(ls "$chosen$version/tools/net10.0/$rid/flireo-tools.dll" "$chosen$version/tools/net10.0/$rid/"Flireo.Tools*.dll)
  [ "$(wc -l <<<"$files")" -ge 8 ] || { echo "too few assemblies: $files"; return 1; }
  report=$("$repo/eng/readytorun.sh" $files); echo "$report"
  if [ "$rid" = any ]; then want=IL-only; else want=ReadyToRun; fi
  ! grep -qv "^$want " <<<"$report"
}
step "the installed flireo-tools is this machine's package (ReadyToRun unless the portable any)" installed_tool
echo "verify-packages:      $(head -1 "$work/step.log")"
# The portable package, which platforms without a RID package install, runs here too.
step "the portable Flireo.Tools.Cli.any runs" bash -c "unzip -q '$packages/Flireo.Tools.Cli.any.$version.nupkg' 'tools/*' -d any \
  && dotnet any/tools/net10.0/any/flireo-tools.dll --version | grep -qF '$version'"
step "flireo-tools validate the new library" tools/flireo-tools validate --assembly lib/Acme.Tools/bin/Release/net10.0/Acme.Tools.dll --warnings-as-errors
step "flireo-tools export the new library" bash -c "tools/flireo-tools export --assembly lib/Acme.Tools/bin/Release/net10.0/Acme.Tools.dll | grep -q '\"get_opening_hours\"'"
# The quickstart: serve the new library (its folder: the project is built first) on a free port, wait for the banner, run
# its signed curl as printed and check the answer; then stop the server with SIGTERM as Ctrl+C would.
serve_and_call() {
  tools/flireo-tools serve --tools lib/Acme.Tools --urls http://127.0.0.1:0 --Flireo:Server:Queue=Memory >serve.out 2>serve.err &
  local pid=$! i curl answer
  for i in $(seq 1 240); do
    grep -q 'Sign afresh' serve.out 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  curl=$(grep -m1 "^    curl -sS" serve.out || true)
  if [ -z "$curl" ]; then echo "no banner from flireo-tools serve"; cat serve.err; kill "$pid" 2>/dev/null; return 1; fi
  answer=$(bash -c "$curl")
  echo "answer: $answer"
  kill -TERM "$pid"; wait "$pid"; local exit=$?
  grep -q '"tool_call_id":"dev_tool_call_1","result"' <<<"$answer" && ! grep -qi '"error"' <<<"$answer" && [ "$exit" = 0 ]
}
step "flireo-tools serve the new library and call it with the banner's curl" serve_and_call
step "dotnet new flireo-tools-web" dotnet new flireo-tools-web -n Acme.Web -o web
step "flireo-tools-web: dotnet build" dotnet build web -c Release

echo "verify-packages: $passed passed, $failed failed ($((SECONDS - started)) s wall time, packages $version)"
[ "$failed" = 0 ]
