#!/usr/bin/env bash
# Tells whether .NET assemblies carry ReadyToRun (precompiled) code, from their PE headers, not their size: an assembly is
# ReadyToRun when its CLI header's ManagedNativeHeader directory points at a READYTORUN_HEADER (signature "RTR").
# Prints "ReadyToRun FILE" or "IL-only FILE" per file; exits 0 when every file is ReadyToRun, 1 when one is IL only,
# 2 when one is not a .NET assembly.
#   eng/readytorun.sh FILE...          (eng/check-packages.sh and eng/verify-packages.sh use it on the flireo-tools packages)
set -uo pipefail

u16() { od -An -tu2 --endian=little -j "$2" -N2 "$1" | tr -d ' \n'; }
u32() { od -An -tu4 --endian=little -j "$2" -N4 "$1" | tr -d ' \n'; }

# file_offset FILE SECTION_TABLE SECTION_COUNT RVA: the file offset of an RVA, through the section that holds it.
file_offset() {
  local file=$1 table=$2 count=$3 rva=$4 i s va size raw
  for ((i = 0; i < count; i++)); do
    s=$((table + 40 * i))
    va=$(u32 "$file" $((s + 12))); size=$(u32 "$file" $((s + 8))); raw=$(u32 "$file" $((s + 20)))
    if ((rva >= va && rva < va + size)); then echo $((rva - va + raw)); return 0; fi
  done
  return 1
}

# kind FILE: ReadyToRun, IL-only, or not-managed.
kind() {
  local file=$1 pe sections optional magic directories cli_rva cor native_rva native
  [[ -f $file && $(od -An -c -N2 "$file" | tr -d ' ') == MZ ]] || { echo not-managed; return; }
  pe=$(u32 "$file" 60)
  [[ $(od -An -tx1 -j "$pe" -N4 "$file" | tr -d ' \n') == 50450000 ]] || { echo not-managed; return; }
  sections=$(u16 "$file" $((pe + 6)))
  optional=$((pe + 24))
  magic=$(u16 "$file" "$optional")
  # Data directories follow the optional header's fixed part (96 bytes for PE32, 112 for PE32+); the 15th is the CLI header.
  if ((magic == 0x20b)); then directories=$((optional + 112)); else directories=$((optional + 96)); fi
  cli_rva=$(u32 "$file" $((directories + 14 * 8)))
  ((cli_rva != 0)) || { echo not-managed; return; }
  local table=$((optional + $(u16 "$file" $((pe + 20)))))
  cor=$(file_offset "$file" "$table" "$sections" "$cli_rva") || { echo not-managed; return; }
  # IMAGE_COR20_HEADER: ManagedNativeHeader (RVA, size) at offset 64.
  native_rva=$(u32 "$file" $((cor + 64)))
  if ((native_rva != 0)) && native=$(file_offset "$file" "$table" "$sections" "$native_rva") \
     && [[ $(od -An -tx1 -j "$native" -N4 "$file" | tr -d ' \n') == 52545200 ]]; then
    echo ReadyToRun
  else
    echo IL-only
  fi
}

(($# > 0)) || { echo "usage: eng/readytorun.sh FILE..." >&2; exit 2; }
status=0
for file in "$@"; do
  k=$(kind "$file")
  echo "$k $file"
  case $k in
    ReadyToRun) ;;
    IL-only) ((status == 0)) && status=1 ;;
    *) status=2 ;;
  esac
done
exit $status
