#!/bin/bash
# Paced async load against a server pinned to one core: p50/p99 of the acknowledgement, CPU, RSS, GC counts.
OUT=${OUT:-/tmp/flireo-load-s8}  # a run-load.sh OUT folder (bodies/, post-unique.lua); ROOT: the repository
PLUGIN_DLL=$ROOT/benchmarks/Flireo.Tools.Benchmarks.Plugin/bin/Release/net10.0/Flireo.Tools.Benchmarks.Plugin.dll
BODY=${BODY:-$OUT/bodies/async-2s.json}
NAME=${NAME:-gc}
SERVER=${SERVER:?publish folder of the server}
QUEUE=${QUEUE:-Memory}
env ASPNETCORE_ENVIRONMENT=Production Flireo__WebhookSecret= Flireo__AllowUnsignedRequests=true Flireo__BearerToken=tok Flireo__Server__Queue=$QUEUE Flireo__Server__DataDirectory=/tmp/expgc-data-$$ Flireo__AsyncTools__MaxConcurrency=4096 Flireo__AsyncTools__QueueCapacity=1000000 Flireo__IdempotencyCapacity=0 $EXTRA_ENV \
   taskset -c 1 dotnet $SERVER/Flireo.Tools.Server.dll --tools "$PLUGIN_DLL" --urls http://127.0.0.1:5095 --Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning >/dev/null 2>/tmp/expgc.err &
pid=$!
for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/5095) 2>/dev/null && break; sleep 0.1; done
export BEARER_TOKEN=tok
BODY_FILE=$BODY RUN_ID=w DELAY_MS=10 taskset -c 0 wrk -t2 -c32 -d4s -s $OUT/post-unique.lua http://127.0.0.1:5095/flireo >/dev/null
(BODY_FILE=$BODY RUN_ID=r DELAY_MS=10 taskset -c 0 wrk -t2 -c32 -d12s --latency -s $OUT/post-unique.lua http://127.0.0.1:5095/flireo > /tmp/expgc-$NAME.wrk) &
sleep 2
t0=$(awk '{print $14+$15}' /proc/$pid/stat)
~/.dotnet/tools/dotnet-counters collect -p $pid --refresh-interval 1 --counters System.Runtime --format csv -o /tmp/expgc-$NAME.csv --duration 00:00:08 >/dev/null 2>&1
t1=$(awk '{print $14+$15}' /proc/$pid/stat)
rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
wait %2 2>/dev/null; sleep 1
p50=$(awk '/ 50%/{print $2}' /tmp/expgc-$NAME.wrk); p99=$(awk '/ 99%/{print $2}' /tmp/expgc-$NAME.wrk); rps=$(awk '/Requests\/sec/{print $2}' /tmp/expgc-$NAME.wrk)
pause=$(grep -i "pause" /tmp/expgc-$NAME.csv | awk -F, '{s+=$NF; n++} END {if(n) printf "%.1f", s/n; else print "?"}')
gen2=$(grep -i "gen2.*count\|gc.collections.*gen2\|generation=\"gen2\"\|gen2" /tmp/expgc-$NAME.csv | head -0)
echo "$NAME p50=$p50 p99=$p99 rps=$rps cpu_ticks=$((t1-t0)) rss_kb=$rss pause=$pause"
kill $pid; wait $pid 2>/dev/null; rm -rf /tmp/expgc-data-$$
