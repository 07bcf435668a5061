#!/bin/bash
OUT=/tmp/flireo-load-s8
PLUGIN_DLL=/work/main/benchmarks/Flireo.Tools.Benchmarks.Plugin/bin/Release/net10.0/Flireo.Tools.Benchmarks.Plugin.dll
BODY=${BODY:-$OUT/bodies/async-10ms.json}
NAME=${NAME:-async10}
SERVER=${SERVER:-$OUT/server}
env DOTNET_PerfMapEnabled=1 ASPNETCORE_ENVIRONMENT=Production Flireo__WebhookSecret= Flireo__AllowUnsignedRequests=true Flireo__BearerToken=tok Flireo__Server__Queue=Memory Flireo__AsyncTools__MaxConcurrency=4096 Flireo__AsyncTools__QueueCapacity=1000000 Flireo__IdempotencyCapacity=0 $EXTRA_ENV \
   taskset -c 1 dotnet $SERVER/Flireo.Tools.Server.dll --tools "$PLUGIN_DLL" --urls http://127.0.0.1:5095 --Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning >/dev/null 2>/tmp/exp3.err &
pid=$!
for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/5095) 2>/dev/null && break; sleep 0.1; done
export BEARER_TOKEN=tok
BODY_FILE=$BODY RUN_ID=w DELAY_MS=10 taskset -c 0 wrk -t2 -c32 -d3s -s $OUT/post-unique.lua http://127.0.0.1:5095/flireo >/dev/null
(BODY_FILE=$BODY RUN_ID=r DELAY_MS=10 taskset -c 0 wrk -t2 -c32 -d12s --latency -s $OUT/post-unique.lua http://127.0.0.1:5095/flireo > /tmp/exp3-$NAME.wrk) &
sleep 2
t0=$(awk '{print $14+$15}' /proc/$pid/stat)
if [[ -z "$NOPERF" ]]; then perf record -F 999 -g -p $pid -o /work/bench/$NAME.perf.data -- sleep 8 2>/dev/null >/dev/null; else sleep 8; fi
t1=$(awk '{print $14+$15}' /proc/$pid/stat)
wait %2 2>/dev/null; sleep 1
echo "$NAME cpu ticks in 8 s: $((t1-t0))"
grep -E "Requests/sec|50%|99%" /tmp/exp3-$NAME.wrk
kill $pid; wait $pid
