# Session 9, issue 22 item 4 (the shipped server's start). Run from the worktree at each commit named in RESULTS.md.
# Baseline: main at 54912a5, exported and published once.
mkdir -p /tmp/sp-base && git archive 54912a5 | tar -x -C /tmp/sp-base
OUT=/tmp/sp-base-out SECTIONS=none SERVER_PROJECT=/tmp/sp-base/src/Flireo.Tools.Server/Flireo.Tools.Server.csproj CLI_PROJECT=/nonexistent benchmarks/run-load.sh
# Runs 1 and 2 (build included), then runs 3 and 4 reusing the build of run 2's code:
OUT=/tmp/sp-ours-out SECTIONS=2 START_REPS=9 QUIET_MAX_WAIT=60 BASELINE_SERVER=/tmp/sp-base-out/server CLI_PROJECT=/nonexistent benchmarks/run-load.sh
OUT=/tmp/sp-ours-out SKIP_BUILD=1 SECTIONS=2 START_REPS=11 QUIET_MAX_WAIT=90 BASELINE_SERVER=/tmp/sp-base-out/server CLI_PROJECT=/nonexistent benchmarks/run-load.sh
# Traces: the first-answer probe starting the ReadyToRun server under dotnet-trace (detached, so the probe's kill does not cut the trace):
#   ( setsid dotnet-trace collect --profile dotnet-common,dotnet-sampled-thread-time --format Speedscope --duration 00:00:00:12 -o T.nettrace -- \
#       taskset -c 1 dotnet /tmp/sp-ours-out/server-r2r/Flireo.Tools.Server.dll --tools <plugin> --urls http://127.0.0.1:5090 & )
