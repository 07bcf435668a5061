#!/bin/bash
# Quiet A/B of the async acknowledgement: two published servers, interleaved, paced load (expgc.sh), p50/p99, CPU, GC.
OUT=${OUT:-/tmp/flireo-load-s8}  # a run-load.sh OUT folder (bodies/, post-unique.lua); ROOT: the repository
A=${A:-/tmp/s9/server}; B=${B:-/tmp/s9/server-new}
for round in 1 2; do
  for body in async-10ms async-2s; do
    for queue in Memory Sqlite; do
      for side in A B; do
        srv=${!side}
        n="r${round}-${body}-${queue}-${side}"
        NAME=$n SERVER=$srv QUEUE=$queue BODY=$OUT/bodies/$body.json $(dirname "$0")/expgc.sh | tee -a $(dirname "$0")/ab9.log
        echo "  $(python3 $(dirname "$0")/gcsum.py /tmp/expgc-$n.csv)" | tee -a $(dirname "$0")/ab9.log
      done
    done
  done
done
