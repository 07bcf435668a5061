#!/usr/bin/env bash
# Packs the solution into artifacts/packages and checks every package that should ship: its README, licence, repository,
# description, tags, symbol package (.snupkg with source-linked PDBs), and for the flireo-tools command its .NET 10
# RID-specific tool packages: the pointer package Flireo.Tools.Cli names one package per runtime identifier, each
# Flireo.Tools.Cli.<rid> holds the tool precompiled ReadyToRun (read from the assemblies' PE headers by eng/readytorun.sh),
# and Flireo.Tools.Cli.any the portable JIT build. Prints one line per failed check and ends with
# "packages: N passed, N failed".
#   eng/check-packages.sh [--no-build]     (.ci/run passes --no-build after its dotnet test built everything)
set -uo pipefail
cd "$(dirname "$0")/.."
out=artifacts/packages
rm -rf "$out"; mkdir -p artifacts
started=$SECONDS
# The tool's RID packages need builds of their own (one per runtime identifier, then ReadyToRun at publish) that the
# solution's build does not make, so the tool is packed first without --no-build; the solution's pack (with --no-build
# when given) then finds those builds and repacks the tool from them.
pack() { dotnet pack "$@" -c Release -o "$out" -nologo -v:q >>artifacts/pack.log 2>&1; }
: >artifacts/pack.log
packed=false
if pack src/Flireo.Tools.Cli/Flireo.Tools.Cli.csproj; then
  tool_seconds=$((SECONDS - started))
  pack Flireo.Tools.sln "$@" && packed=true
fi
if [ "$packed" != true ]; then
  tail -30 artifacts/pack.log >&2
  echo "packages: 0 passed, 1 failed (dotnet pack failed; see artifacts/pack.log)"
  exit 1
fi

passed=0; failed=0
il_only() { local o; o=$(eng/readytorun.sh "$@"); ! grep -qv '^IL-only ' <<<"$o"; } # il_only FILE...: assemblies, none ReadyToRun
check() { # check <description> <command...>
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "packages: FAILED: $what" >&2; fi
}

libraries="Flireo.Tools Flireo.Tools.AspNetCore Flireo.Tools.Sqlite Flireo.Tools.Redis Flireo.Tools.Testing Flireo.Tools.Mcp Flireo.Tools.Hosting Flireo.Tools.Dashboard"
# ToolPackageRuntimeIdentifiers of src/Flireo.Tools.Cli; any is the portable fallback.
tool_rids="linux-x64 linux-arm64 osx-arm64 win-x64 any"
tool_rid_packages=$(for rid in $tool_rids; do printf 'Flireo.Tools.Cli.%s ' "$rid"; done)
expected="$libraries Flireo.Tools.Cli $tool_rid_packages Flireo.Tools.Templates"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

for id in $expected; do
  nupkg=$(ls "$out"/"$id".[0-9]*.nupkg 2>/dev/null | grep -v '\.symbols\.' | head -1)
  check "$id: package exists" test -n "$nupkg"
  [ -n "$nupkg" ] || continue
  nuspec="$tmp/$id.nuspec"
  unzip -p "$nupkg" "$id.nuspec" >"$nuspec"
  listing=$(unzip -Z1 "$nupkg")
  check "$id: README.md at the package root" grep -qx 'README.md' <<<"$listing"
  check "$id: nuspec names its readme" grep -q '<readme>README.md</readme>' "$nuspec"
  check "$id: MIT licence expression" grep -q '<license type="expression">MIT</license>' "$nuspec"
  check "$id: repository url and commit" grep -Eq '<repository type="git" url="https://[^"]+"( [^>]*)? commit="[0-9a-f]{40}"' "$nuspec"
  check "$id: description" grep -Eq '<description>.{20,}</description>' "$nuspec"
  check "$id: tags" grep -q '<tags>flireo ' "$nuspec"
  version=$(sed -nE 's:.*<version>([^<]+)</version>.*:\1:p' "$nuspec")
  check "$id: one version, from VersionPrefix ($version)" test "$version" = "$(basename "$nupkg" .nupkg | sed "s/^$id\.//")"
  # The templates and the tool's pointer package carry no code, so no symbols.
  if [ "$id" != Flireo.Tools.Templates ] && [ "$id" != Flireo.Tools.Cli ]; then
    snupkg="${nupkg%.nupkg}.snupkg"
    check "$id: symbol package" test -f "$snupkg"
    if [ -f "$snupkg" ]; then
      pdb=$(unzip -Z1 "$snupkg" | grep '\.pdb$' | head -1)
      check "$id: source link in the PDB" bash -c "unzip -p '$snupkg' '$pdb' | grep -aq 'raw.githubusercontent.com'"
    fi
  fi
done

core=$(ls "$out"/Flireo.Tools.[0-9]*.nupkg 2>/dev/null | grep -v '\.symbols\.' | head -1)
if [ -n "$core" ]; then
  # The source generator ships inside Flireo.Tools as a C# analyzer (docs/native-aot.md), not as a package of its own.
  check "Flireo.Tools: source generator at analyzers/dotnet/cs" bash -c "unzip -Z1 '$core' | grep -qx 'analyzers/dotnet/cs/Flireo.Tools.SourceGeneration.dll'"
fi
cli=$(ls "$out"/Flireo.Tools.Cli.[0-9]*.nupkg 2>/dev/null | head -1)
if [ -n "$cli" ]; then
  check "Flireo.Tools.Cli: package type DotnetTool" bash -c "unzip -p '$cli' Flireo.Tools.Cli.nuspec | grep -q '<packageType name=\"DotnetTool\"'"
  settings="$tmp/pointer-settings.xml"
  unzip -p "$cli" tools/any/any/DotnetToolSettings.xml >"$settings" 2>/dev/null
  check "Flireo.Tools.Cli: tool command flireo-tools" grep -q 'Command Name="flireo-tools"' "$settings"
  for rid in $tool_rids; do
    check "Flireo.Tools.Cli: points $rid at Flireo.Tools.Cli.$rid" grep -q "<RuntimeIdentifierPackage RuntimeIdentifier=\"$rid\" Id=\"Flireo.Tools.Cli.$rid\" />" "$settings"
  done
  listed=$(grep -c '<RuntimeIdentifierPackage ' "$settings")
  check "Flireo.Tools.Cli: no other runtime identifiers (lists $listed)" test "$listed" = "$(wc -w <<<"$tool_rids")"
  check "Flireo.Tools.Cli: a pointer only, no assemblies" bash -c "! unzip -Z1 '$cli' | grep -q '\.dll$'"
fi
for rid in $tool_rids; do
  id=Flireo.Tools.Cli.$rid
  nupkg=$(ls "$out"/"$id".[0-9]*.nupkg 2>/dev/null | head -1)
  [ -n "$nupkg" ] || continue
  check "$id: package type DotnetToolRidPackage" bash -c "unzip -p '$nupkg' '$id.nuspec' | grep -q '<packageType name=\"DotnetToolRidPackage\"'"
  check "$id: tool command flireo-tools, run by dotnet" bash -c "unzip -p '$nupkg' 'tools/net10.0/$rid/DotnetToolSettings.xml' | grep -q 'Command Name=\"flireo-tools\" EntryPoint=\"flireo-tools.dll\" Runner=\"dotnet\"'"
  mkdir -p "$tmp/$rid"
  unzip -qo "$nupkg" "tools/net10.0/$rid/flireo-tools.dll" "tools/net10.0/$rid/Flireo.Tools*.dll" -d "$tmp/$rid" 2>/dev/null
  assemblies=$(ls "$tmp/$rid/tools/net10.0/$rid/"*.dll 2>/dev/null | wc -l)
  check "$id: flireo-tools.dll and the Flireo.Tools assemblies ($assemblies)" test "$assemblies" -ge 8
  if [ "$rid" = any ]; then
    # Portable: IL that any platform's runtime compiles (ReadyToRun code is for one platform).
    check "$id: IL only (portable JIT build)" il_only "$tmp/$rid/tools/net10.0/$rid/"*.dll
  else
    check "$id: ReadyToRun code in flireo-tools.dll and the Flireo.Tools assemblies" eng/readytorun.sh "$tmp/$rid/tools/net10.0/$rid/"*.dll
  fi
done
templates=$(ls "$out"/Flireo.Tools.Templates.[0-9]*.nupkg 2>/dev/null | head -1)
if [ -n "$templates" ]; then
  check "Flireo.Tools.Templates: package type Template" bash -c "unzip -p '$templates' Flireo.Tools.Templates.nuspec | grep -q '<packageType name=\"Template\"'"
  for t in flireo-tools-lib flireo-tools-web; do
    check "Flireo.Tools.Templates: template $t" bash -c "unzip -p '$templates' 'content/$t/.template.config/template.json' | grep -q '\"shortName\": \"$t\"'"
  done
fi
# Nothing else ships: the server executable, examples, tests and benchmarks are not packable.
unexpected=$(ls "$out" | grep '\.nupkg$' | sed -E 's/\.[0-9]+\.[0-9]+\.[0-9]+.*//' | grep -vxF -f <(tr ' ' '\n' <<<"$expected") || true)
check "no other packages (found: ${unexpected:-none})" test -z "$unexpected"

echo "packages: $passed passed, $failed failed ($((SECONDS - started)) s, of which the tool's packages ${tool_seconds:-?} s; $(ls "$out" | wc -l) files in $out)"
[ "$failed" = 0 ]
