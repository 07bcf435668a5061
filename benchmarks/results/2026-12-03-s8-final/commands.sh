#!/bin/bash
# Final quiet measurement on the merged main (run from /work/main). Build first (BUILD=1), then measure.
set -u
cd /work/main
OUT=/tmp/flireo-load-final
if [[ ${BUILD:-0} == 1 ]]; then
  SECTIONS="1" REPS=1 DURATION=1s OUT=$OUT QUIET_MAX_WAIT=0 bash benchmarks/run-load.sh > /work/bench/final-build.log 2>&1 || echo "build run failed"
  (cd benchmarks/Flireo.Tools.Benchmarks && dotnet build -c Release 2>&1 | tail -2)
  exit 0
fi
uptime > /work/bench/final-uptime.txt
BASELINE_SERVER=/tmp/flireo-load-s8/server QUEUES="Memory Memory@baseline Sqlite Sqlite@baseline Redis" SKIP_BUILD=0 SOAK_SECONDS=0 SECTIONS="${SECTIONS:-1 2 3 4 7 9}" OUT=$OUT bash benchmarks/run-load.sh > /work/bench/final-load.log 2>&1; echo "run-load rc=$?" >> /work/bench/final-load.log
uptime >> /work/bench/final-uptime.txt
