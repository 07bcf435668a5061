#!/usr/bin/env bash
# Packs the solution into artifacts/packages and checks every package that should ship: its README, licence, repository,
# description, tags, symbol package (.snupkg with source-linked PDBs), and for Flireo.Tools.Cli the dotnet tool
# settings (command flireo-tools). Prints one line per failed check and ends with "packages: N passed, N failed".
#   eng/check-packages.sh [--no-build]     (.ci/run passes --no-build after its dotnet test built everything)
set -uo pipefail
cd "$(dirname "$0")/.."
out=artifacts/packages
rm -rf "$out"; mkdir -p artifacts
started=$SECONDS
if ! dotnet pack Flireo.Tools.sln -c Release -o "$out" "$@" -nologo -v:q >artifacts/pack.log 2>&1; then
  tail -30 artifacts/pack.log >&2
  echo "packages: 0 passed, 1 failed (dotnet pack failed; see artifacts/pack.log)"
  exit 1
fi

passed=0; failed=0
check() { # check <description> <command...>
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "packages: FAILED: $what" >&2; fi
}

libraries="Flireo.Tools Flireo.Tools.AspNetCore Flireo.Tools.Sqlite Flireo.Tools.Redis Flireo.Tools.Testing Flireo.Tools.Mcp Flireo.Tools.Hosting Flireo.Tools.Dashboard"
expected="$libraries Flireo.Tools.Cli Flireo.Tools.Templates"
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
  if [ "$id" != Flireo.Tools.Templates ]; then
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
  check "Flireo.Tools.Cli: tool command flireo-tools" bash -c "unzip -p '$cli' 'tools/net10.0/any/DotnetToolSettings.xml' | grep -q 'Command Name=\"flireo-tools\"'"
fi
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

echo "packages: $passed passed, $failed failed ($((SECONDS - started)) s, $(ls "$out" | wc -l) files in $out)"
[ "$failed" = 0 ]
