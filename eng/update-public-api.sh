#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to the project's
# PublicAPI.Unshipped.txt, and removes declared ones that no longer exist (RS0017). Review the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
dotnet build Flireo.Tools.sln -p:TreatWarningsAsErrors=false 2>&1 >"$log" || true
grep -E "error RS001[67]|warning RS001[67]" "$log" | sed -E "s/.*(RS001[67]): Symbol '(.*)' is (not part of|part of).*\[(.*)\.csproj\]/\1|\2|\4/" | sort -u | while IFS='|' read -r code symbol project; do
  file="$(dirname "$project")/PublicAPI.Unshipped.txt"
  if [ "$code" = RS0016 ]; then echo "$symbol" >>"$file"; else grep -vxF "$symbol" "$file" >"$file.tmp" || true; mv "$file.tmp" "$file"; fi
done
for f in src/*/PublicAPI.Unshipped.txt; do { echo '#nullable enable'; { grep -v '^#nullable' "$f" || true; } | sort -u; } >"$f.tmp"; mv "$f.tmp" "$f"; done
rm -f "$log"
