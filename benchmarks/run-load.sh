#!/usr/bin/env bash
# Load test of the self-hosted server against the bare-Kestrel reference (../shared/bench), in one command.
#
#   benchmarks/run-load.sh            # everything, about 15 minutes on 2 cores
#   SOAK_SECONDS=0 REPS=1 benchmarks/run-load.sh   # a quicker pass
#
# Every figure is printed as a ratio to a reference measured in the same run, on the same machine:
#   throughput, p99 and memory  our /flireo vs the reference /tools-hmac, same wrk command, 3 interleaved repetitions
#   startup to first answer     both servers, same probe, interleaved
#   async acknowledgement       our async tool vs the reference's sync answer, same steady (paced) load
#   deadline precision          100 hanging webhooks; the other webhooks' rate as a ratio to the rate without them
#   export wall time            flireo-tools export of 1,000 tools vs an empty .NET process start
#   async ack per queue         p50/p99 with the SQLite and Redis queues vs the in-memory queue, same paced load
#   capacity                    calls to a tool that awaits 50 ms: share of the ideal rate, p99 and memory at 64 and
#                               1,000 connections; async with one and two server processes on one Redis
#   Native AOT                  start to first answer and working set of our Native AOT builds vs the reference published
#                               Native AOT too (needs clang and zlib1g-dev); our JIT server for context
#
# Each server is pinned to one core (SERVER_CPU) and the load generator to another (CLIENT_CPU). Loopback only.
# Settings (environment): DURATION (20s), REPS (3), SOAK_SECONDS (300, 0 skips), SERVER_CPU (1), CLIENT_CPU (0),
# SECTIONS ("1 2 3 4 5 6 7 8 9": which of the nine measurements to run), SKIP_BUILD (1 reuses the builds in OUT),
# for section 7: QUEUES ("Memory Sqlite Redis"; Sqlite@baseline runs it on the server published to BASELINE_SERVER, to
# compare two commits in one run), QUEUE_WORK ("10ms 2s": the background work per call), QUEUE_DURATION (10s),
# QUIET_BUSY (0.10) and QUIET_MAX_WAIT (300 s): before each measurement, wait up to QUIET_MAX_WAIT seconds for the
# other processes on the machine to use less than QUIET_BUSY of the CPUs (ratios suffer when a neighbour builds);
# for section 9: AOT_STARTS (7 starts of each server);
# for sections 1 and 2: BASELINE_SERVER (another commit's server publish folder: a "baseline" column in section 1; in
# section 2 its JIT and BASELINE_SERVER-r2r starts), for section 2: START_REPS (5) and BASELINE_CLI (the folder of
# another commit's flireo-tools.dll, such as its installed tool's tools/net10.0/<rid>: its serve started in the same
# rounds; the CLI itself is packed and installed with dotnet tool install, as users get it); OUT (/tmp/flireo-load), SHARED_BENCH (the shared/bench folder), SERVER_PROJECT and CLI_PROJECT (default: src/ of this repo).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
DURATION="${DURATION:-20s}"
REPS="${REPS:-3}"
SOAK_SECONDS="${SOAK_SECONDS:-300}"
SERVER_CPU="${SERVER_CPU:-1}"
CLIENT_CPU="${CLIENT_CPU:-0}"
OUT="${OUT:-/tmp/flireo-load}"
SERVER_PROJECT="${SERVER_PROJECT:-$ROOT/src/Flireo.Tools.Server/Flireo.Tools.Server.csproj}"
CLI_PROJECT="${CLI_PROJECT:-$ROOT/src/Flireo.Tools.Cli/Flireo.Tools.Cli.csproj}"
SECTIONS="${SECTIONS:-1 2 3 4 5 6 7 8 9}"
SKIP_BUILD="${SKIP_BUILD:-0}"
QUIET_BUSY="${QUIET_BUSY:-0.10}"
QUIET_MAX_WAIT="${QUIET_MAX_WAIT:-300}"
SECRET="bench-secret"
REF_PORT=5080
export BEARER_TOKEN="bench-token-$$"
OUR_PORT=5090
QUIET_PORT=5091
MIN_PORT=5070
BASELINE_PORT=5092
WRK_ARGS=(-t2 -c64 "-d$DURATION" --latency)

log() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'run-load.sh: %s\n' "$*" >&2; exit 1; }

# --- the shared reference: ../shared/bench from the repository root (the main checkout's root for a worktree) ---
if [[ -z "${SHARED_BENCH:-}" ]]; then
  for candidate in "$ROOT/../shared/bench" "$(dirname "$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || echo /nonexistent/.git)")/../shared/bench"; do
    if [[ -f "$candidate/post.lua" ]]; then SHARED_BENCH="$(cd "$candidate" && pwd)"; break; fi
  done
fi
[[ -n "${SHARED_BENCH:-}" && -f "$SHARED_BENCH/post.lua" ]] || die "cannot find ../shared/bench; set SHARED_BENCH"
BODY="$SHARED_BENCH/body.json"
cmp -s "$BODY" "$BENCH/Flireo.Tools.Benchmarks/Data/body.json" || die "benchmarks/Flireo.Tools.Benchmarks/Data/body.json differs from $BODY"
[[ -f "$SERVER_PROJECT" ]] || die "no server project at $SERVER_PROJECT (set SERVER_PROJECT)"

# --- tools ---
need_package() {
  command -v "$1" >/dev/null 2>&1 && return
  log "installing $1"
  local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get install -y "$1" >/dev/null 2>&1 || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "$1" >/dev/null; }
}
need_package wrk
need_package jq
command -v taskset >/dev/null || die "taskset (util-linux) is missing"

# --- build ---
mkdir -p "$OUT/logs" "$OUT/bodies"
: >"$OUT/logs/quiet.txt"
case "$(uname -m)" in x86_64) RID=linux-x64 ;; aarch64) RID=linux-arm64 ;; *) RID="" ;; esac
if [[ $SKIP_BUILD != 1 ]]; then
  log "building (Release)"
  rm -rf "$OUT/ref-src" && cp -r "$SHARED_BENCH/kestrel-baseline" "$OUT/ref-src"
  dotnet publish -c Release "$OUT/ref-src/Server.csproj" -o "$OUT/ref" >"$OUT/logs/build-ref.log" 2>&1 || die "reference build failed, see $OUT/logs/build-ref.log"
  dotnet publish -c Release "$SERVER_PROJECT" -o "$OUT/server" >"$OUT/logs/build-server.log" 2>&1 || die "server build failed, see $OUT/logs/build-server.log"
  # The same server precompiled (ReadyToRun), to show how much of its startup is JIT.
  rm -rf "$OUT/server-r2r"
  if [[ -n "$RID" ]] && ! dotnet publish -c Release "$SERVER_PROJECT" -r "$RID" --self-contained false -p:PublishReadyToRun=true -o "$OUT/server-r2r" >"$OUT/logs/build-server-r2r.log" 2>&1; then
    log "the ReadyToRun publish failed (see $OUT/logs/build-server-r2r.log); its row is skipped"
    rm -rf "$OUT/server-r2r"
  fi
  dotnet publish -c Release "$BENCH/Flireo.Tools.Benchmarks.MinimalHost/Flireo.Tools.Benchmarks.MinimalHost.csproj" -o "$OUT/minimal" >"$OUT/logs/build-minimal.log" 2>&1 || die "minimal host build failed, see $OUT/logs/build-minimal.log"
  dotnet build -c Release "$BENCH/Flireo.Tools.Benchmarks/Flireo.Tools.Benchmarks.csproj" >"$OUT/logs/build-bench.log" 2>&1 || die "benchmark build failed, see $OUT/logs/build-bench.log"
fi
PLUGIN="$BENCH/Flireo.Tools.Benchmarks.Plugin/bin/Release/net10.0/Flireo.Tools.Benchmarks.Plugin.dll"
THOUSAND="$BENCH/Flireo.Tools.Benchmarks.ThousandTools/bin/Release/net10.0/Flireo.Tools.Benchmarks.ThousandTools.dll"
PROBE="$BENCH/Flireo.Tools.Benchmarks/bin/Release/net10.0/Flireo.Tools.Benchmarks.dll"
HAVE_R2R=0; [[ -f "$OUT/server-r2r/Flireo.Tools.Server.dll" ]] && HAVE_R2R=1
HAVE_CLI=0
if [[ -f "$CLI_PROJECT" && $SKIP_BUILD == 1 ]]; then
  HAVE_CLI=1
elif [[ -f "$CLI_PROJECT" ]]; then
  # flireo-tools as a user gets it: packed, then installed with dotnet tool install from those packages, which picks this
  # machine's RID package (ReadyToRun) where the pointer package lists one, else the portable one. OUT/cli links to the
  # installed tool's folder; its shim runs 'dotnet flireo-tools.dll' from there, as the starts below do.
  rm -rf "$OUT/cli-packages" "$OUT/cli-tool" "$OUT/cli"
  dotnet pack -c Release "$CLI_PROJECT" -o "$OUT/cli-packages" >"$OUT/logs/build-cli.log" 2>&1 || die "CLI pack failed, see $OUT/logs/build-cli.log"
  cli_version=$(basename "$(ls "$OUT"/cli-packages/Flireo.Tools.Cli.[0-9]*.nupkg | head -1)" .nupkg); cli_version=${cli_version#Flireo.Tools.Cli.}
  DOTNET_CLI_HOME="$OUT/cli-home" dotnet tool install Flireo.Tools.Cli --version "$cli_version" --tool-path "$OUT/cli-tool" \
    --add-source "$OUT/cli-packages" >>"$OUT/logs/build-cli.log" 2>&1 || die "CLI install failed, see $OUT/logs/build-cli.log"
  cli_dll=$(ls "$OUT"/cli-tool/.store/flireo.tools.cli/"$cli_version"/*/"$cli_version"/tools/net10.0/*/flireo-tools.dll | head -1)
  ln -s "$(dirname "$cli_dll")" "$OUT/cli"
  HAVE_CLI=1
fi
# What the installed tool (or BASELINE_CLI) is: its package folder name (any, linux-x64...) and whether it is precompiled.
cli_kind() {
  local code=JIT
  "$ROOT/eng/readytorun.sh" "$1/flireo-tools.dll" >/dev/null 2>&1 && code=ReadyToRun
  echo "$(basename "$(readlink -f "$1")"), $code"
}

# --- bodies: the shared one-call webhook, and variants for the other tools ---
cp "$BODY" "$OUT/bodies/lookup.json"
sed 's/"lookup_contact","arguments":{"query":"Jan de Vries"}/"notify_team","arguments":{"message":"Table 4 wants the bill","workMs":10}/' "$BODY" >"$OUT/bodies/async-10ms.json"
sed 's/"lookup_contact","arguments":{"query":"Jan de Vries"}/"notify_team","arguments":{"message":"Table 4 wants the bill","workMs":2000}/' "$BODY" >"$OUT/bodies/async-2s.json"
grep -q notify_team "$OUT/bodies/async-2s.json" || die "could not derive the async body from $BODY"
sed 's/"lookup_contact","arguments":{"query":"Jan de Vries"}/"wait_io","arguments":{"ms":50}/' "$BODY" >"$OUT/bodies/wait-50ms.json"
sed 's/"lookup_contact","arguments":{"query":"Jan de Vries"}/"notify_team","arguments":{"message":"Table 4 wants the bill","workMs":50}/' "$BODY" >"$OUT/bodies/async-50ms.json"

# wrk cannot sign each body: the async measurements (sections 3 and 7) send a new tool call id per request with a bearer
# token instead of the HMAC signature, so every call is stored rather than turned away as a duplicate.
cat >"$OUT/post-unique.lua" <<'LUA'
-- wrk script: like post-paced.lua, but every request gets a new tool call id and a bearer token instead of a signature.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
local template = f:read("*a")
f:close()
local token = os.getenv("BEARER_TOKEN")
local run = os.getenv("RUN_ID") or "run"
local pause = tonumber(os.getenv("DELAY_MS") or "10")
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
function request()
  counter = counter + 1
  local body = template:gsub("tool_abc123def456", string.format("tool_%s_%d_%d", run, thread_id or 0, counter))
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token, ["X-Webhook-Event"] = "tool-calls" }, body)
end
function delay()
  return pause
end
LUA

# --- servers ---
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_port() { # port pid
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

start_ref() {
  PORT=$REF_PORT WEBHOOK_SECRET=$SECRET taskset -c "$SERVER_CPU" dotnet "$OUT/ref/Server.dll" >"$OUT/logs/ref.log" 2>&1 &
  REF_PID=$!; PIDS+=("$REF_PID")
  wait_port $REF_PORT $REF_PID || die "the reference did not start, see $OUT/logs/ref.log"
}

# start_our NAME PORT [VAR=value...] [-- extra server arguments]: stdout (the request log, JSON) goes to /dev/null.
start_our() {
  local name=$1 port=$2; shift 2
  local envs=() args=()
  while [[ $# -gt 0 && $1 != "--" ]]; do envs+=("$1"); shift; done
  if [[ $# -gt 0 ]]; then shift; args=("$@"); fi
  env ASPNETCORE_ENVIRONMENT=Production Flireo__WebhookSecret=$SECRET "${envs[@]}" \
    taskset -c "$SERVER_CPU" dotnet "${SERVER_DIR:-$OUT/server}/Flireo.Tools.Server.dll" --tools "$PLUGIN" --urls "http://127.0.0.1:$port" "${args[@]}" \
    >/dev/null 2>"$OUT/logs/our-$name.err" &
  OUR_PID=$!; PIDS+=("$OUR_PID")
  wait_port "$port" $OUR_PID || die "our server ($name) did not start, see $OUT/logs/our-$name.err"
}

# start_minimal [VAR=value...]: MapFlireoWebhooks in the reference's bare host, on MIN_PORT.
start_minimal() {
  env PORT=$MIN_PORT Flireo__WebhookSecret=$SECRET "$@" taskset -c "$SERVER_CPU" dotnet "$OUT/minimal/Flireo.Tools.Benchmarks.MinimalHost.dll" \
    >/dev/null 2>"$OUT/logs/minimal.err" &
  OUR_PID=$!; PIDS+=("$OUR_PID")
  wait_port $MIN_PORT $OUR_PID || die "the minimal host did not start, see $OUT/logs/minimal.err"
}

# start_redis NAME PORT SECTION: a local redis-server with AOF (appendfsync everysec) on the server's core, data in
# OUT/NAME; sets REDIS_PID.
start_redis() {
  command -v redis-server >/dev/null || die "redis-server is needed for section $3 (apt-get install -y redis-server); SECTIONS without $3 skips it"
  rm -rf "$OUT/$1" && mkdir -p "$OUT/$1"
  taskset -c "$SERVER_CPU" redis-server --port "$2" --bind 127.0.0.1 --dir "$OUT/$1" --save "" --appendonly yes --appendfsync everysec \
    >"$OUT/logs/$1.log" 2>&1 &
  REDIS_PID=$!; PIDS+=("$REDIS_PID")
  wait_port "$2" $REDIS_PID || die "redis-server did not start, see $OUT/logs/$1.log"
}

# signed_post URL BODY_FILE: one signed webhook with curl; prints the answer.
signed_post() {
  local ts; ts=$(date +%s)
  curl -s -X POST "$1" -H 'Content-Type: application/json' -H "X-Webhook-Timestamp: $ts" \
    -H "X-Webhook-Signature: $( (printf '%s.' "$ts"; cat "$2") | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)" \
    --data-binary "@$2"
}

stop() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# --- wrk with signed headers, VmRSS sampled once a second; prints: rps p99_ms rss_mean_mb rss_max_mb non2xx ---
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v*=1000 }; printf "%.3f", v }'; }
load() { # name pid url body [script] [wrk args...]
  local name=$1 pid=$2 url=$3 body=$4 script=${5:-$SHARED_BENCH/post.lua}; shift 5 || shift $#
  local extra=("$@"); [[ ${#extra[@]} -gt 0 ]] || extra=("${WRK_ARGS[@]}")
  local ts sig
  ts=$(date +%s)
  sig=$( (printf '%s.' "$ts"; cat "$body") | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)
  ( while kill -0 "$pid" 2>/dev/null; do awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null; sleep 1; done ) >"$OUT/logs/$name.rss" &
  local sampler=$!
  DELAY_MS="${DELAY_MS:-10}" BODY_FILE=$body X_TIMESTAMP=$ts X_SIGNATURE=$sig taskset -c "$CLIENT_CPU" wrk "${extra[@]}" -s "$script" "$url" >"$OUT/logs/$name.wrk" 2>&1
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  local rps p99 non2xx
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$OUT/logs/$name.wrk")
  p99=$(awk '$1 == "99%" { print $2 }' "$OUT/logs/$name.wrk" | to_ms)
  non2xx=$(awk '/Non-2xx/ { print $NF }' "$OUT/logs/$name.wrk"); non2xx=${non2xx:-0}
  [[ -n "$rps" ]] || die "wrk failed, see $OUT/logs/$name.wrk"
  awk -v rps="$rps" -v p99="$p99" -v bad="$non2xx" '{ s += $1; if ($1 > m) m = $1; n++ } END { printf "%s %s %.1f %.1f %s\n", rps, p99, (n ? s / n : 0) / 1024, m / 1024, bad }' "$OUT/logs/$name.rss"
}

# busy_fraction: the share of all CPUs in use over one second (ours are idle when this is called).
busy_fraction() {
  local a b
  a=($(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat)); sleep 1
  b=($(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat))
  awk -v u=$((b[0] - a[0])) -v t=$((b[1] - a[1])) 'BEGIN { printf "%.2f", (t > 0 ? u / t : 0) }'
}

# wait_quiet: waits (bounded) until the machine is quiet; records what it saw in QUIET_SEEN.
wait_quiet() {
  local waited=0 busy
  busy=$(busy_fraction)
  while awk -v b="$busy" -v q="$QUIET_BUSY" 'BEGIN { exit !(b >= q) }' && [[ $waited -lt $QUIET_MAX_WAIT ]]; do
    sleep 4; waited=$((waited + 5)); busy=$(busy_fraction)
  done
  QUIET_SEEN="others' CPU share $busy after waiting ${waited}s"
  [[ $waited -ge $QUIET_MAX_WAIT ]] && log "WARNING: the machine stayed busy ($busy)"
  return 0
}

want() { [[ " $SECTIONS " == *" $1 "* ]]; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

REPORT="$OUT/results.md"
{
  echo "# run-load.sh results"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "- machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
  echo "- .NET: SDK $(dotnet --version), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "- servers on CPU $SERVER_CPU, load generator on CPU $CLIENT_CPU; wrk ${WRK_ARGS[*]} -s post.lua; reps $REPS"
} >"$REPORT"

# ============ 1. throughput, p99, memory: interleaved repetitions ============
if want 1; then
# Three builds of ours, each on its own port, all started before the first repetition and loaded one at a time:
#   shipped  the self-hosted server as shipped (request log on; answered webhooks are logged at Debug, so not written)
#   quiet    the same server without the request log middleware (Flireo:Server:RequestLogging=false)
#   minimal  MapFlireoWebhooks in a host as bare as the reference's (benchmarks/Flireo.Tools.Benchmarks.MinimalHost)
# All run every call: the idempotency cache is off (IdempotencyCapacity=0), because wrk replays one body, and with the
# cache on every request after the first would be answered from the cache without running the tool.
log "throughput: starting and warming up"
start_ref
start_our shipped $OUR_PORT Flireo__IdempotencyCapacity=0
SHIPPED_PID=$OUR_PID
start_our quiet $QUIET_PORT Flireo__IdempotencyCapacity=0 Flireo__Server__RequestLogging=false
QUIET_PID=$OUR_PID
start_minimal Flireo__IdempotencyCapacity=0
MIN_PID=$OUR_PID
SERVERS=(ref shipped quiet minimal)
declare -A PID_OF=([ref]=$REF_PID [shipped]=$SHIPPED_PID [quiet]=$QUIET_PID [minimal]=$MIN_PID)
declare -A URL_OF=([ref]="http://127.0.0.1:$REF_PORT/tools-hmac" [shipped]="http://127.0.0.1:$OUR_PORT/flireo" [quiet]="http://127.0.0.1:$QUIET_PORT/flireo" [minimal]="http://127.0.0.1:$MIN_PORT/flireo")
OURS=(shipped quiet minimal)
HEADER="| rep | reference /tools-hmac | ours as shipped | ours, no request log | MapFlireoWebhooks in a bare host |"
if [[ -n "${BASELINE_SERVER:-}" ]]; then
  # The shipped server of another commit (BASELINE_SERVER, a publish folder), loaded in the same repetitions.
  SERVER_DIR=$BASELINE_SERVER start_our baseline $BASELINE_PORT Flireo__IdempotencyCapacity=0
  SERVERS+=(baseline); OURS+=(baseline); PID_OF[baseline]=$OUR_PID; URL_OF[baseline]="http://127.0.0.1:$BASELINE_PORT/flireo"
  HEADER+=" baseline: shipped at $BASELINE_SERVER |"
fi
for s in "${SERVERS[@]}"; do
  load "warm-$s" "${PID_OF[$s]}" "${URL_OF[$s]}" "$OUT/bodies/lookup.json" "$SHARED_BENCH/post.lua" -t2 -c64 -d5s >/dev/null
done
for s in "${OURS[@]}"; do
  signed_post "${URL_OF[$s]}" "$OUT/bodies/lookup.json" >"$OUT/logs/sample-answer-$s.json"
  grep -q '"c_42"' "$OUT/logs/sample-answer-$s.json" || die "$s did not answer lookup_contact: $(cat "$OUT/logs/sample-answer-$s.json")"
done

QUIET_LOG=""
declare -A RPS=() P99=() RSS=() RSSMAX=() RATIO_RPS=() RATIO_P99=() RATIO_RSS=()
ROWS=""
for rep in $(seq 1 "$REPS"); do
  log "throughput: repetition $rep/$REPS"
  wait_quiet
  QUIET_LOG+="rep $rep: $QUIET_SEEN; "
  row="| $rep |"
  for s in "${SERVERS[@]}"; do
    out=$(load "$s-$rep" "${PID_OF[$s]}" "${URL_OF[$s]}" "$OUT/bodies/lookup.json")
    read -r r p m x bad <<<"$out"
    [[ "$bad" == 0 ]] || log "WARNING: $s answered $bad non-2xx responses"
    RPS[$s]=$r; P99[$s]=$p; RSS[$s]=$m; RSSMAX[$s]=$x
    row+=" $r / $p / $m |"
  done
  for s in "${OURS[@]}"; do
    RATIO_RPS[$s]+="$(ratio "${RPS[$s]}" "${RPS[ref]}") "
    RATIO_P99[$s]+="$(ratio "${P99[$s]}" "${P99[ref]}") "
    RATIO_RSS[$s]+="$(ratio "${RSS[$s]}" "${RSS[ref]}") "
  done
  ROWS+="$row"$'\n'
done
for s in "${SERVERS[@]}"; do stop "${PID_OF[$s]}"; done
{
  echo
  echo "## 1. Throughput, p99 and memory (signed one-call lookup_contact webhook)"
  echo
  echo "Raw figures per repetition: req/s / p99 ms / VmRSS MB (mean while loaded)."
  echo
  echo "$HEADER"
  echo "|$(printf ' --- |%.0s' "${SERVERS[@]}") --- |"
  printf '%s' "$ROWS"
  echo
  echo "Before each repetition: $QUIET_LOG"
  echo
  echo "Ratios to the reference: median of $REPS [each repetition]. Targets: req/s >= 0.85, p99 <= 1.3, RSS <= 1.5."
  echo
  echo "| ours | req/s ratio | p99 ratio | RSS ratio |"
  echo "| --- | --- | --- | --- |"
  for s in "${OURS[@]}"; do
    echo "| $s | $(median <<<"${RATIO_RPS[$s]}") [${RATIO_RPS[$s]% }] | $(median <<<"${RATIO_P99[$s]}") [${RATIO_P99[$s]% }] | $(median <<<"${RATIO_RSS[$s]}") [${RATIO_RSS[$s]% }] |"
  done
} >>"$REPORT"

fi

# ============ 2. startup to first answered webhook ============
if want 2; then
log "startup to first answer"
wait_quiet
echo "- startup: $QUIET_SEEN" >>"$OUT/logs/quiet.txt"
# Each variant: name|label|environment (space-separated VAR=value)|url|server command. BASELINE_SERVER (a publish folder
# of another commit) adds its JIT and ReadyToRun (BASELINE_SERVER-r2r, when it exists) builds, BASELINE_CLI its serve.
OUR_ENV="ASPNETCORE_ENVIRONMENT=Production Flireo__WebhookSecret=$SECRET"
OUR_URL="http://127.0.0.1:$OUR_PORT/flireo"
OUR_ARGS="--tools $PLUGIN --urls http://127.0.0.1:$OUR_PORT"
STARTS=("ref|reference|PORT=$REF_PORT WEBHOOK_SECRET=$SECRET|http://127.0.0.1:$REF_PORT/tools-hmac|dotnet $OUT/ref/Server.dll")
STARTS+=("our|ours (self-hosted server, 1 plugin with 4 tools)|$OUR_ENV|$OUR_URL|dotnet $OUT/server/Flireo.Tools.Server.dll $OUR_ARGS")
[[ $HAVE_R2R == 1 ]] && STARTS+=("r2r|ours, published ReadyToRun ($RID), as the Dockerfile does|$OUR_ENV|$OUR_URL|dotnet $OUT/server-r2r/Flireo.Tools.Server.dll $OUR_ARGS")
[[ $HAVE_CLI == 1 && -f "$OUT/cli/flireo-tools.dll" ]] && STARTS+=("serve|flireo-tools serve --environment Production (the installed tool: $(cli_kind "$OUT/cli"))|Flireo__WebhookSecret=$SECRET|$OUR_URL|dotnet $OUT/cli/flireo-tools.dll serve --environment Production $OUR_ARGS")
if [[ -n "${BASELINE_SERVER:-}" ]]; then
  STARTS+=("base|baseline: ours at $BASELINE_SERVER|$OUR_ENV|$OUR_URL|dotnet $BASELINE_SERVER/Flireo.Tools.Server.dll $OUR_ARGS")
  [[ -f "$BASELINE_SERVER-r2r/Flireo.Tools.Server.dll" ]] && STARTS+=("base-r2r|baseline: ours ReadyToRun at $BASELINE_SERVER-r2r|$OUR_ENV|$OUR_URL|dotnet $BASELINE_SERVER-r2r/Flireo.Tools.Server.dll $OUR_ARGS")
fi
[[ -n "${BASELINE_CLI:-}" ]] && STARTS+=("base-serve|baseline: flireo-tools serve at $BASELINE_CLI ($(cli_kind "$BASELINE_CLI"))|Flireo__WebhookSecret=$SECRET|$OUR_URL|dotnet $BASELINE_CLI/flireo-tools.dll serve --environment Production $OUR_ARGS")
STARTS+=("min|MapFlireoWebhooks in a bare host (same 4 tools)|PORT=$MIN_PORT Flireo__WebhookSecret=$SECRET|http://127.0.0.1:$MIN_PORT/flireo|dotnet $OUT/minimal/Flireo.Tools.Benchmarks.MinimalHost.dll")
START_REPS="${START_REPS:-5}"
declare -A FA=() CPU=()
for i in $(seq 1 "$START_REPS"); do
  for v in "${STARTS[@]}"; do
    IFS='|' read -r name _ envs url command <<<"$v"
    # The working directory is OUT: the SQLite queue of each start is OUT/data, not the caller's folder.
    out=$(cd "$OUT" && env $envs taskset -c "$CLIENT_CPU" dotnet "$PROBE" first-answer --url "$url" -- taskset -c "$SERVER_CPU" $command)
    FA[$name]+="$(jq -r .firstAnswerMs <<<"$out") "; CPU[$name]+="$(jq -r .cpuMs <<<"$out") "
  done
done
FA_REF_MED=$(median <<<"${FA[ref]}"); CPU_REF_MED=$(median <<<"${CPU[ref]}")
{
  echo
  echo "## 2. Process start to first answered webhook ($START_REPS interleaved starts each; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
  echo
  echo "Wall: ms from process start to the first 200. CPU: ms of CPU the server's threads had used by then (steadier on a busy machine)."
  echo
  echo "| server | wall median | wall ratio | CPU median | CPU ratio | wall runs | CPU runs |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  for v in "${STARTS[@]}"; do
    IFS='|' read -r name label _ <<<"$v"
    fm=$(median <<<"${FA[$name]}"); cm=$(median <<<"${CPU[$name]}")
    echo "| $label | $fm | $(ratio "$fm" "$FA_REF_MED") | $cm | $(ratio "$cm" "$CPU_REF_MED") | ${FA[$name]% } | ${CPU[$name]% } |"
  done
  echo
  echo "Target (issue 22): ours ReadyToRun and flireo-tools serve <= 1.3 x the reference."
} >>"$REPORT"

fi

# ============ 3. async acknowledgement latency under a steady load ============
if want 3; then
log "async acknowledgement latency"
wait_quiet
echo "- async: $QUIET_SEEN" >>"$OUT/logs/quiet.txt"
PACED=(-t2 -c32 -d10s --latency)
start_ref
load warm-paced-ref $REF_PID "http://127.0.0.1:$REF_PORT/tools-hmac" "$OUT/bodies/lookup.json" "$BENCH/post-paced.lua" -t2 -c32 -d3s >/dev/null
out=$(DELAY_MS=10 load paced-ref $REF_PID "http://127.0.0.1:$REF_PORT/tools-hmac" "$OUT/bodies/lookup.json" "$BENCH/post-paced.lua" "${PACED[@]}")
read -r ar ap _ _ _ <<<"$out"
stop $REF_PID
start_our sync $OUR_PORT Flireo__IdempotencyCapacity=0
load warm-paced-our $OUR_PID "http://127.0.0.1:$OUR_PORT/flireo" "$OUT/bodies/lookup.json" "$BENCH/post-paced.lua" -t2 -c32 -d3s >/dev/null
out=$(DELAY_MS=10 load paced-sync $OUR_PID "http://127.0.0.1:$OUR_PORT/flireo" "$OUT/bodies/lookup.json" "$BENCH/post-paced.lua" "${PACED[@]}")
read -r sr2 sp2 _ _ _ <<<"$out"
stop $OUR_PID
# The server as shipped (SQLite queue), a new tool call id per request, bearer token instead of the signature.
rm -rf "$OUT/queue-data"
start_our async $OUR_PORT Flireo__WebhookSecret= Flireo__AllowUnsignedRequests=true Flireo__BearerToken="$BEARER_TOKEN" \
  Flireo__Server__DataDirectory="$OUT/queue-data" Flireo__AsyncTools__MaxConcurrency=4096 Flireo__AsyncTools__QueueCapacity=1000000
RUN_ID=warm load warm-paced-async $OUR_PID "http://127.0.0.1:$OUR_PORT/flireo" "$OUT/bodies/async-10ms.json" "$OUT/post-unique.lua" -t2 -c32 -d3s >/dev/null
out=$(RUN_ID=w10 DELAY_MS=10 load paced-async-10ms $OUR_PID "http://127.0.0.1:$OUR_PORT/flireo" "$OUT/bodies/async-10ms.json" "$OUT/post-unique.lua" "${PACED[@]}")
read -r a1r a1p _ _ a1bad <<<"$out"
out=$(RUN_ID=w2s DELAY_MS=10 load paced-async-2s $OUR_PID "http://127.0.0.1:$OUR_PORT/flireo" "$OUT/bodies/async-2s.json" "$OUT/post-unique.lua" "${PACED[@]}")
read -r a2r a2p _ _ a2bad <<<"$out"
curl -s -X POST "http://127.0.0.1:$OUR_PORT/flireo" -H 'Content-Type: application/json' -H "Authorization: Bearer $BEARER_TOKEN" \
  --data-binary "@$OUT/bodies/async-2s.json" >"$OUT/logs/sample-async-answer.json"
stop $OUR_PID
ASYNC_NOTE="acknowledged"
grep -q "let the team know" "$OUT/logs/sample-async-answer.json" || ASYNC_NOTE="NOT acknowledged, answer: $(cat "$OUT/logs/sample-async-answer.json")"
{
  echo
  echo "## 3. Async acknowledgement latency (wrk ${PACED[*]}, 10 ms pause per connection between requests)"
  echo
  echo "| webhook | req/s | p99 ms | p99 ratio to reference |"
  echo "| --- | --- | --- | --- |"
  echo "| reference /tools-hmac (sync lookup) | $ar | $ap | 1.00 |"
  echo "| ours, sync lookup_contact | $sr2 | $sp2 | $(ratio "$sp2" "$ap") |"
  echo "| ours as shipped (SQLite queue), async notify_team, work 10 ms, new id per call | $a1r | $a1p | $(ratio "$a1p" "$ap") |"
  echo "| ours as shipped (SQLite queue), async notify_team, work 2 s, new id per call | $a2r | $a2p | $(ratio "$a2p" "$ap") |"
  echo
  echo "Sample async answer: $ASYNC_NOTE. Target: p99 < 5 ms, independent of the work time (2 s vs 10 ms: $(ratio "$a2p" "$a1p"))."
} >>"$REPORT"

fi

# ============ 4. deadline precision: 100 hanging webhooks with a 2 s deadline ============
if want 4; then
log "deadline precision"
DL_ROWS=""
for tool in hang hang_blocking; do
  wait_quiet
  echo "- deadline $tool: $QUIET_SEEN" >>"$OUT/logs/quiet.txt"
  start_our "deadline-$tool" $OUR_PORT Flireo__IdempotencyCapacity=0 Flireo__SyncTimeout=00:00:02 \
    -- --Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning
  json=$(taskset -c "$CLIENT_CPU" dotnet "$PROBE" deadline --url "http://127.0.0.1:$OUR_PORT/flireo" --tool $tool --deadline-ms 2000 --count 100 --hang-s 10 --connections 16)
  echo "$json" >"$OUT/logs/deadline-$tool.json"
  stop $OUR_PID
  DL_ROWS+="| $tool | $(jq -r '"\(.p50Ms) | \(.p99Ms) | \(.maxMs) | \(.overDeadlinePlus50) | \(.timeoutAnswers) | \(.failed) | \(.normalRps) | \(.duringRps) | \(.rateRatio)"' <<<"$json") |"$'\n'
done
{
  echo
  echo "## 4. Deadline precision (SyncTimeout 2 s, 100 concurrent webhooks to a tool that hangs 10 s, 16-connection lookup load alongside)"
  echo
  echo "| tool | p50 ms | p99 ms | max ms | answers after 2,050 ms | timeout answers | failed (reset, > 22 s) | normal req/s | req/s meanwhile | rate ratio |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s' "$DL_ROWS"
  echo
  echo "Targets: every answer by deadline + 50 ms (p99 <= 2,050 ms), rate ratio >= 0.5. hang awaits without a thread; hang_blocking blocks one."
} >>"$REPORT"

fi

# ============ 5. flireo-tools export of 1,000 tools, wall time including process start ============
if want 5; then
log "export of 1,000 tools"
wait_quiet
echo "- export: $QUIET_SEEN" >>"$OUT/logs/quiet.txt"
EX_NOOP=() EX_WORK=() EX_CLI=()
wall_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null || die "failed: $*"; e=$(date +%s%N); awk -v a="$s" -v b="$e" 'BEGIN { printf "%.0f", (b - a) / 1e6 }'; }
for i in 1 2 3 4 5; do
  EX_NOOP+=("$(wall_ms taskset -c "$SERVER_CPU" dotnet "$PROBE" cold-startup noop)")
  EX_WORK+=("$(wall_ms taskset -c "$SERVER_CPU" dotnet "$PROBE" cold-startup export)")
  if [[ $HAVE_CLI == 1 ]]; then EX_CLI+=("$(wall_ms taskset -c "$SERVER_CPU" dotnet "$OUT/cli/flireo-tools.dll" export --assembly "$THOUSAND" --output "$OUT/logs/thousand-tools.json")"); fi
done
NOOP_MED=$(echo "${EX_NOOP[*]}" | median)
{
  echo
  echo "## 5. Definitions of 1,000 tools, wall time including process start (ms, 5 runs, one core)"
  echo
  echo "| command | median | runs | ratio to empty process |"
  echo "| --- | --- | --- | --- |"
  echo "| empty .NET process (cold-startup noop) | $NOOP_MED | ${EX_NOOP[*]} | 1.00 |"
  echo "| scan + schemas + JSON in a fresh process (cold-startup export) | $(echo "${EX_WORK[*]}" | median) | ${EX_WORK[*]} | $(ratio "$(echo "${EX_WORK[*]}" | median)" "$NOOP_MED") |"
  if [[ $HAVE_CLI == 1 ]]; then
    echo "| flireo-tools export (1,000 tools) | $(echo "${EX_CLI[*]}" | median) | ${EX_CLI[*]} | $(ratio "$(echo "${EX_CLI[*]}" | median)" "$NOOP_MED") |"
  else
    echo "| flireo-tools export | not measured: no CLI project at $CLI_PROJECT | | |"
  fi
  echo
  echo "Targets: scan + definitions < 1,000 ms; flireo-tools export < 1,500 ms."
} >>"$REPORT"

fi

# ============ 6. memory over a long run ============
if want 6 && [[ $SOAK_SECONDS -gt 0 ]]; then
  log "soak: ${SOAK_SECONDS}s"
  wait_quiet
  echo "- soak: $QUIET_SEEN" >>"$OUT/logs/quiet.txt"
  start_ref
  out=$(load soak-ref $REF_PID "http://127.0.0.1:$REF_PORT/tools-hmac" "$OUT/bodies/lookup.json" "$SHARED_BENCH/post.lua" -t2 -c64 -d60s --latency)
  read -r kr _ km kx _ <<<"$out"
  stop $REF_PID
  start_our soak $OUR_PORT Flireo__IdempotencyCapacity=0
  out=$(load soak-our $OUR_PID "http://127.0.0.1:$OUR_PORT/flireo" "$OUT/bodies/lookup.json" "$SHARED_BENCH/post.lua" -t2 -c64 "-d${SOAK_SECONDS}s" --latency)
  read -r or _ om ox _ <<<"$out"
  stop $OUR_PID
  # Minute 2 (after warm-up) against the last minute.
  first=$(sed -n 61,120p "$OUT/logs/soak-our.rss" | awk '{ s += $1; n++ } END { printf "%.1f", s / n / 1024 }')
  last=$(tail -n 60 "$OUT/logs/soak-our.rss" | awk '{ s += $1; n++ } END { printf "%.1f", s / n / 1024 }')
  {
    echo
    echo "## 6. Memory over ${SOAK_SECONDS} s of load (ours as shipped; reference 60 s for scale)"
    echo
    echo "| server | req/s | VmRSS mean MB | VmRSS max MB | minute 2 MB | last minute MB | last/minute 2 |"
    echo "| --- | --- | --- | --- | --- | --- | --- |"
    echo "| reference (60 s) | $kr | $km | $kx | | | |"
    echo "| ours | $or | $om | $ox | $first | $last | $(ratio "$last" "$first") |"
  } >>"$REPORT"
fi

# ============ 7. async acknowledgement latency per work-queue back-end ============
# The same paced load of async calls against the server with Flireo__Server__Queue=Memory, Sqlite and Redis (a local
# redis-server with AOF, appendfsync everysec, on the server's core); p50 and p99 as ratios to the in-memory queue.
# Each work time of QUEUE_WORK (10ms and 2s: how long each acknowledged call then runs in the background) is measured
# for the three back-ends in turn, in every repetition; ratios compare back-ends at the same work time.
# Each request carries a new tool call id (post-unique.lua), so every call is stored: with one replayed body each call
# after the first would be a duplicate and never reach the store. wrk cannot sign each body, so these servers take a
# bearer token instead of the HMAC signature (the same for all three back-ends).
if want 7; then
log "async acknowledgement latency per queue back-end"
wait_quiet
echo "- queues: $QUIET_SEEN, load average $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/logs/quiet.txt"
REDIS_PORT=6391
start_redis redis $REDIS_PORT 7
QPACED=(-t2 -c32 "-d${QUEUE_DURATION:-10s}" --latency)
QUEUES="${QUEUES:-Memory Sqlite Redis}"
QUEUE_WORK="${QUEUE_WORK:-10ms 2s}"
declare -A Q50 Q99 QRPS QBAD
QLOAD=""
for rep in $(seq 1 "$REPS"); do
  QLOAD+="rep $rep: load average $(cut -d' ' -f1-3 /proc/loadavg); "
  for work in $QUEUE_WORK; do
    for q in $QUEUES; do
      rm -rf "$OUT/queue-data"
      # Queue@baseline runs the queue on the server published to BASELINE_SERVER (another commit), in the same repetition.
      SERVER_DIR=""; [[ $q == *@baseline ]] && SERVER_DIR="${BASELINE_SERVER:?Queue@baseline needs BASELINE_SERVER}"
      SERVER_DIR=$SERVER_DIR start_our "queue-$q" $OUR_PORT Flireo__WebhookSecret= Flireo__AllowUnsignedRequests=true Flireo__BearerToken="$BEARER_TOKEN" \
        Flireo__Server__Queue=${q%@baseline} Flireo__Server__DataDirectory="$OUT/queue-data" Flireo__Redis__ConnectionString="127.0.0.1:$REDIS_PORT" \
        Flireo__Redis__KeyPrefix="{bench-$q-$work-$rep-$$}:work" Flireo__AsyncTools__MaxConcurrency=4096 Flireo__AsyncTools__QueueCapacity=1000000 \
        -- --Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning
      RUN_ID="warm$rep" load "queue-warm-$q" $OUR_PID "http://127.0.0.1:$OUR_PORT/flireo" "$OUT/bodies/async-10ms.json" "$OUT/post-unique.lua" -t2 -c32 -d3s >/dev/null
      out=$(RUN_ID="run$rep$work" DELAY_MS=10 load "queue-$q-$work-$rep" $OUR_PID "http://127.0.0.1:$OUR_PORT/flireo" "$OUT/bodies/async-$work.json" "$OUT/post-unique.lua" "${QPACED[@]}")
      read -r qr qp _ _ qbad <<<"$out"
      Q99[$q-$work]+="$qp "; QRPS[$q-$work]+="$qr "; QBAD[$q-$work]=$(( ${QBAD[$q-$work]:-0} + qbad ))
      Q50[$q-$work]+="$(awk '$1 == "50%" { print $2 }' "$OUT/logs/queue-$q-$work-$rep.wrk" | to_ms) "
      stop $OUR_PID
    done
  done
done
stop $REDIS_PID
{
  echo
  echo "## 7. Async acknowledgement latency per work-queue back-end (wrk ${QPACED[*]}, 10 ms pause, new tool call id per request, median of $REPS interleaved runs)"
  echo
  echo "| work | queue | req/s | p50 ms | p99 ms | p50 ratio to memory | p99 ratio to memory | p99 per run | non-2xx |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for work in $QUEUE_WORK; do
    m50=$(median <<<"${Q50[Memory-$work]:-0}"); m99=$(median <<<"${Q99[Memory-$work]:-0}")
    for q in $QUEUES; do
      q50=$(median <<<"${Q50[$q-$work]}"); q99=$(median <<<"${Q99[$q-$work]}")
      echo "| $work | $q | $(median <<<"${QRPS[$q-$work]}") | $q50 | $q99 | $(ratio "$q50" "$m50") | $(ratio "$q99" "$m99") | ${Q99[$q-$work]% } | ${QBAD[$q-$work]} |"
    done
  done
  echo
  echo "Redis: local redis-server with AOF (appendfsync everysec) on CPU $SERVER_CPU with the server; SQLite: WAL file under $OUT/queue-data."
  echo "Load before each repetition: $QLOAD"
} >>"$REPORT"
fi

# ============ 8. capacity: calls to a tool that awaits 50 ms (I/O-like) ============
# Recorded figures, no target yet. Sync: the shipped server on one core, wait_io(50 ms) at 64 and at 1,000 connections
# (unpaced); the ideal rate is connections / 50 ms, and the table gives the share of it reached, p99 and memory.
# Async: notify_team(50 ms of work) on a local Redis, a new tool call id per request, unpaced, with one server process
# and then with two processes sharing the Redis queue (all on the server core); the completion rate is the acknowledged
# calls over the time from the first request until the queue is empty (polled on /readyz).
if want 8; then
log "capacity"
ulimit -n 65536 2>/dev/null || true
wait_quiet
echo "- capacity: $QUIET_SEEN" >>"$OUT/logs/quiet.txt"
CAP_ROWS=""
start_our capacity $OUR_PORT Flireo__IdempotencyCapacity=0
load cap-warm $OUR_PID "http://127.0.0.1:$OUR_PORT/flireo" "$OUT/bodies/wait-50ms.json" "$SHARED_BENCH/post.lua" -t2 -c64 -d3s >/dev/null
for c in 64 1000; do
  out=$(load "cap-sync-c$c" $OUR_PID "http://127.0.0.1:$OUR_PORT/flireo" "$OUT/bodies/wait-50ms.json" "$SHARED_BENCH/post.lua" -t2 "-c$c" "-d$DURATION" --latency --timeout 10s)
  read -r cr cp cm cx cbad <<<"$out"
  c50=$(awk '$1 == "50%" { print $2 }' "$OUT/logs/cap-sync-c$c.wrk" | to_ms)
  CAP_ROWS+="| sync wait_io, one process | $c | $cr | $(ratio "$cr" "$((c * 20))") | $c50 | $cp | $cm | $cx | $cbad |"$'\n'
done
stop $OUR_PID
CAP_REDIS_PORT=6392
start_redis redis-cap $CAP_REDIS_PORT 8
CAP_REDIS_PID=$REDIS_PID
ASYNC_ROWS=""
for n in 1 2; do
  pids=()
  for i in $(seq 1 "$n"); do
    start_our "cap-async-$n-$i" $((OUR_PORT + i - 1)) Flireo__WebhookSecret= Flireo__AllowUnsignedRequests=true Flireo__BearerToken="$BEARER_TOKEN" \
      Flireo__Server__Queue=Redis Flireo__Redis__ConnectionString="127.0.0.1:$CAP_REDIS_PORT" Flireo__Redis__KeyPrefix="{cap-$n-$$}:work" \
      Flireo__Server__HealthDetails=true Flireo__AsyncTools__MaxConcurrency=1000 Flireo__AsyncTools__QueueCapacity=1000000 \
      -- --Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning
    pids+=("$OUR_PID")
  done
  start=$(date +%s%N); loaders=()
  for i in $(seq 1 "$n"); do
    RUN_ID="cap$n-$i" DELAY_MS=0 load "cap-async-$n-$i" "${pids[$((i - 1))]}" "http://127.0.0.1:$((OUR_PORT + i - 1))/flireo" "$OUT/bodies/async-50ms.json" \
      "$OUT/post-unique.lua" -t1 "-c$((64 / n))" "-d$DURATION" --latency >"$OUT/logs/cap-async-$n-$i.out" &
    loaders+=("$!")
  done
  wait "${loaders[@]}"
  # The queue is empty when /readyz says 0 unfinished calls (bounded: 5 minutes).
  for _ in $(seq 1 3000); do
    left=$(curl -s "http://127.0.0.1:$OUR_PORT/readyz" | jq -r '.checks["async-queue"].description // ""' | awk '{ print $1 }')
    [[ "$left" == "0" ]] && break
    sleep 0.1
  done
  drained=$(date +%s%N)
  acked=0; p99s=""; rss=""; bad=0
  for i in $(seq 1 "$n"); do
    read -r _ ap am ax abad <"$OUT/logs/cap-async-$n-$i.out"
    reqs=$(awk '/requests in/ { print $1 }' "$OUT/logs/cap-async-$n-$i.wrk")
    acked=$((acked + reqs - abad)); bad=$((bad + abad)); p99s+="$ap "; rss+="$ax "
  done
  secs=$(awk -v a="$start" -v b="$drained" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
  ASYNC_ROWS+="| async notify_team, $n process(es) on one Redis | 64 | $acked | $secs | $(awk -v a="$acked" -v s="$secs" 'BEGIN { printf "%.0f", a / s }') | ${p99s% } | ${rss% } | $bad | ${left:-?} |"$'\n'
  for pid in "${pids[@]}"; do stop "$pid"; done
done
stop $CAP_REDIS_PID
{
  echo
  echo "## 8. Capacity: a tool that awaits 50 ms (server on CPU $SERVER_CPU, wrk unpaced, $DURATION)"
  echo
  echo "| webhook | connections | req/s | share of ideal (connections / 50 ms) | p50 ms | p99 ms | VmRSS mean MB | VmRSS max MB | non-2xx |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s' "$CAP_ROWS"
  echo
  echo "| async (50 ms of work each) | connections | calls acknowledged | seconds until all done | completed calls/s | ack p99 ms per process | VmRSS max MB per process | non-2xx | left unfinished |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s' "$ASYNC_ROWS"
} >>"$REPORT"
fi

# ============ 9. Native AOT: start to first answer and working set ============
# The yardstick is the bare-Kestrel reference published Native AOT (ratio 1.00). Published Native AOT for RID (the
# linker needs clang and zlib1g-dev): the reference (a copy of ../shared/bench/kestrel-baseline as it is), the AOT sample
# (examples/Flireo.Examples.Aot, as shipped: get_opening_hours, console logging) and benchmarks/Flireo.Tools.Benchmarks.AotHost
# (lookup_contact from a generated catalog behind MapFlireoWebhooks, in a host as bare as the reference's: it answers
# the shared one-call body like the reference). For context, JIT: the reference, MapFlireoWebhooks in the same bare host
# (section 1's minimal host: what Native AOT changes for the same code) and our self-hosted server as shipped.
#   start    process start to the first answered signed webhook, section 2's probe (which also checks the answer's
#            text), AOT_STARTS interleaved starts of each server, median
#   memory   VmRSS idle (2 s after the first answered webhook) and under section 1's wrk load (REPS interleaved
#            repetitions after a 5 s warm-up, idempotency cache off), req/s and p99 as ratios to the reference AOT
if want 9; then
log "Native AOT"
[[ -n "$RID" ]] || die "section 9 publishes Native AOT, which this script does for linux-x64 and linux-arm64 only"
AOT_STARTS="${AOT_STARTS:-7}"
# Ports of their own (5061-5066), so that no server of another section or another run answers in their place.
declare -A PORT_OF9=([ref-aot]=5061 [aot-host]=5062 [aot-sample]=5063 [ref-jit]=5064 [min-jit]=5065 [our-jit]=5066)
if [[ $SKIP_BUILD != 1 ]]; then
  need_package clang
  [[ -e /usr/include/zlib.h ]] || need_package zlib1g-dev
  log "publishing Native AOT: the reference, the AOT host and the AOT sample (minutes each)"
  rm -rf "$OUT/ref-aot-src" && cp -r "$SHARED_BENCH/kestrel-baseline" "$OUT/ref-aot-src"
  dotnet publish -c Release -r "$RID" -p:PublishAot=true "$OUT/ref-aot-src/Server.csproj" -o "$OUT/ref-aot" >"$OUT/logs/build-ref-aot.log" 2>&1 \
    || die "the reference's Native AOT publish failed, see $OUT/logs/build-ref-aot.log"
  dotnet publish -c Release -r "$RID" "$BENCH/Flireo.Tools.Benchmarks.AotHost/Flireo.Tools.Benchmarks.AotHost.csproj" -o "$OUT/aot-host" \
    >"$OUT/logs/build-aot-host.log" 2>&1 || die "the AOT host's publish failed, see $OUT/logs/build-aot-host.log"
  dotnet publish -c Release -r "$RID" "$ROOT/examples/Flireo.Examples.Aot/Flireo.Examples.Aot.csproj" -o "$OUT/aot-sample" \
    >"$OUT/logs/build-aot-sample.log" 2>&1 || die "the AOT sample's publish failed, see $OUT/logs/build-aot-sample.log"
fi
sed 's/"lookup_contact","arguments":{"query":"Jan de Vries"}/"get_opening_hours","arguments":{"day":"Monday"}/' "$BODY" >"$OUT/bodies/opening-hours.json"
grep -q get_opening_hours "$OUT/bodies/opening-hours.json" || die "could not derive the sample's body from $BODY"

# aot_server NAME: sets CMD (the server's command), URL, PORT9, BODY9 (its one-call webhook), PROBE9 (the probe's
# arguments for that body) and EXPECT (a text of the tool's answer); fails when something else listens on its port.
aot_server() {
  BODY9="$OUT/bodies/lookup.json" PROBE9=() EXPECT='"c_42"' PORT9=${PORT_OF9[$1]:?no server $1 in section 9}
  ! (exec 3<>"/dev/tcp/127.0.0.1/$PORT9") 2>/dev/null || die "port $PORT9 (for $1) is taken by another process"
  case $1 in
    ref-aot) URL="http://127.0.0.1:$PORT9/tools-hmac"; CMD=(env PORT=$PORT9 WEBHOOK_SECRET=$SECRET "$OUT/ref-aot/Server") ;;
    ref-jit) URL="http://127.0.0.1:$PORT9/tools-hmac"; CMD=(env PORT=$PORT9 WEBHOOK_SECRET=$SECRET dotnet "$OUT/ref/Server.dll") ;;
    aot-host) URL="http://127.0.0.1:$PORT9/flireo"
      CMD=(env Flireo__WebhookSecret=$SECRET "$OUT/aot-host/Flireo.Tools.Benchmarks.AotHost" --urls "http://127.0.0.1:$PORT9") ;;
    aot-sample) URL="http://127.0.0.1:$PORT9/flireo"; BODY9="$OUT/bodies/opening-hours.json"
      PROBE9=(--tool get_opening_hours --arguments '{"day":"Monday"}'); EXPECT="Closed on Mondays."
      CMD=(env ASPNETCORE_ENVIRONMENT=Production Flireo__WebhookSecret=$SECRET "$OUT/aot-sample/Flireo.Examples.Aot" --urls "http://127.0.0.1:$PORT9") ;;
    min-jit) URL="http://127.0.0.1:$PORT9/flireo"
      CMD=(env PORT=$PORT9 Flireo__WebhookSecret=$SECRET dotnet "$OUT/minimal/Flireo.Tools.Benchmarks.MinimalHost.dll") ;;
    our-jit) URL="http://127.0.0.1:$PORT9/flireo"
      CMD=(env ASPNETCORE_ENVIRONMENT=Production Flireo__WebhookSecret=$SECRET dotnet "$OUT/server/Flireo.Tools.Server.dll" --tools "$PLUGIN" --urls "http://127.0.0.1:$PORT9") ;;
  esac
}
# first_answer NAME: one start of NAME on the server core, in ms until its first answered signed webhook (section 2's probe).
first_answer() {
  aot_server "$1"
  taskset -c "$CLIENT_CPU" dotnet "$PROBE" first-answer --url "$URL" --expect "$EXPECT" "${PROBE9[@]}" -- taskset -c "$SERVER_CPU" "${CMD[@]}" \
    2>>"$OUT/logs/aot-first-answer.err" | jq -r .firstAnswerMs || die "$1 did not answer the probe, see $OUT/logs/aot-first-answer.err"
}
# start9 NAME [VAR=value...]: starts NAME on the server core with more settings, checks its answer; sets OUR_PID.
start9() {
  local name=$1; shift
  aot_server "$name"
  env "$@" taskset -c "$SERVER_CPU" "${CMD[@]}" >/dev/null 2>"$OUT/logs/aot-$name.err" &
  OUR_PID=$!; PIDS+=("$OUR_PID")
  wait_port "$PORT9" $OUR_PID || die "$name did not start, see $OUT/logs/aot-$name.err"
  signed_post "$URL" "$BODY9" >"$OUT/logs/sample-answer-aot-$name.json"
  grep -qF "$EXPECT" "$OUT/logs/sample-answer-aot-$name.json" || die "$name did not answer with $EXPECT: $(cat "$OUT/logs/sample-answer-aot-$name.json")"
}
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

START9=(ref-aot aot-host aot-sample ref-jit min-jit our-jit)
declare -A FA9=()
wait_quiet
START9_LOAD="$QUIET_SEEN, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- native AOT start: $START9_LOAD" >>"$OUT/logs/quiet.txt"
for i in $(seq 1 "$AOT_STARTS"); do
  for s in "${START9[@]}"; do FA9[$s]+="$(first_answer "$s") "; done
done
START9_LOAD+="; after: load average $(cut -d' ' -f1-3 /proc/loadavg)"

log "Native AOT: working set and throughput"
MEM9=(ref-aot aot-host min-jit our-jit)
declare -A PID9=() URL9=() IDLE9=()
for s in "${MEM9[@]}" aot-sample; do
  start9 "$s" Flireo__IdempotencyCapacity=0
  PID9[$s]=$OUR_PID URL9[$s]=$URL
done
sleep 2
for s in "${MEM9[@]}" aot-sample; do IDLE9[$s]=$(rss_mb "${PID9[$s]}"); done
stop "${PID9[aot-sample]}"
for s in "${MEM9[@]}"; do
  load "aot-warm-$s" "${PID9[$s]}" "${URL9[$s]}" "$OUT/bodies/lookup.json" "$SHARED_BENCH/post.lua" -t2 -c64 -d5s >/dev/null
done
declare -A RATIO9_RPS=() RATIO9_P99=() RATIO9_RSS=() RATIO9_RSS_JIT=()
ROWS9="" LOAD9=""
for rep in $(seq 1 "$REPS"); do
  wait_quiet
  LOAD9+="rep $rep: $QUIET_SEEN, load average $(cut -d' ' -f1-3 /proc/loadavg); "
  row="| $rep |"
  declare -A R9=() P9=() M9=()
  for s in "${MEM9[@]}"; do
    read -r R9[$s] P9[$s] M9[$s] _ bad <<<"$(load "aot-$s-$rep" "${PID9[$s]}" "${URL9[$s]}" "$OUT/bodies/lookup.json")"
    [[ "$bad" == 0 ]] || log "WARNING: $s answered $bad non-2xx responses"
    row+=" ${R9[$s]} / ${P9[$s]} / ${M9[$s]} |"
  done
  for s in "${MEM9[@]}"; do
    RATIO9_RPS[$s]+="$(ratio "${R9[$s]}" "${R9[ref-aot]}") "
    RATIO9_P99[$s]+="$(ratio "${P9[$s]}" "${P9[ref-aot]}") "
    RATIO9_RSS[$s]+="$(ratio "${M9[$s]}" "${M9[ref-aot]}") "
    RATIO9_RSS_JIT[$s]+="$(ratio "${M9[$s]}" "${M9[our-jit]}") "
  done
  ROWS9+="$row"$'\n'
done
LOAD9+="after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
for s in "${MEM9[@]}"; do stop "${PID9[$s]}"; done

declare -A NAME9=([ref-aot]="reference, Native AOT" [aot-host]="AOT host: MapFlireoWebhooks, generated catalog, lookup_contact (Native AOT)"
  [aot-sample]="AOT sample, examples/Flireo.Examples.Aot, get_opening_hours (Native AOT)" [ref-jit]="reference, JIT"
  [min-jit]="MapFlireoWebhooks in the bare host, lookup_contact by reflection (JIT)" [our-jit]="ours as shipped (self-hosted server, JIT)")
FA9_REF=$(median <<<"${FA9[ref-aot]}")
{
  echo
  echo "## 9. Native AOT ($RID): start to first answer and working set"
  echo
  echo "Process start to first answered signed webhook (ms, $AOT_STARTS interleaved starts each; $START9_LOAD):"
  echo
  echo "| server | median | ratio to reference AOT | runs |"
  echo "| --- | --- | --- | --- |"
  for s in "${START9[@]}"; do
    m=$(median <<<"${FA9[$s]}")
    echo "| ${NAME9[$s]} | $m | $(ratio "$m" "$FA9_REF") | ${FA9[$s]% } |"
  done
  echo
  echo "Target (issue 23): the AOT sample <= 1.2 x the reference published Native AOT."
  echo
  echo "Working set: VmRSS MB idle, 2 s after the first answered webhook (idempotency cache off in ours):"
  echo
  echo "| server | VmRSS idle MB | ratio to reference AOT | ratio to our JIT server |"
  echo "| --- | --- | --- | --- |"
  for s in "${MEM9[@]}" aot-sample; do
    echo "| ${NAME9[$s]} | ${IDLE9[$s]} | $(ratio "${IDLE9[$s]}" "${IDLE9[ref-aot]}") | $(ratio "${IDLE9[$s]}" "${IDLE9[our-jit]}") |"
  done
  echo
  echo "Under load (wrk ${WRK_ARGS[*]} -s post.lua, the shared lookup_contact body), per repetition: req/s / p99 ms / VmRSS MB (mean while loaded):"
  echo
  echo "| rep |$(for s in "${MEM9[@]}"; do printf ' %s |' "${NAME9[$s]}"; done)"
  echo "|$(for _ in rep "${MEM9[@]}"; do printf ' --- |'; done)"
  printf '%s' "$ROWS9"
  echo
  echo "Before each repetition: $LOAD9"
  echo
  echo "Ratios: median of $REPS [each repetition]."
  echo
  echo "| server | req/s ratio to reference AOT | p99 ratio to reference AOT | VmRSS ratio to reference AOT | VmRSS ratio to our JIT server |"
  echo "| --- | --- | --- | --- | --- |"
  for s in "${MEM9[@]:1}"; do
    echo "| ${NAME9[$s]} | $(median <<<"${RATIO9_RPS[$s]}") [${RATIO9_RPS[$s]% }] | $(median <<<"${RATIO9_P99[$s]}") [${RATIO9_P99[$s]% }] | $(median <<<"${RATIO9_RSS[$s]}") [${RATIO9_RSS[$s]% }] | $(median <<<"${RATIO9_RSS_JIT[$s]}") [${RATIO9_RSS_JIT[$s]% }] |"
  done
} >>"$REPORT"
fi

{
  echo
  echo "## Machine load before each section"
  echo
  cat "$OUT/logs/quiet.txt"
} >>"$REPORT"
log "done: $REPORT"
cat "$REPORT"
