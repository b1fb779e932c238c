#!/usr/bin/env bash
# Cold start of the portal: seconds from launch until GET /api/health answers 200, the memory of the
# running portal (node RSS, embedded PostgreSQL PSS), then a SIGINT and a check that nothing is left.
# usage: bench/cold-start.sh DATA_DIR PORT COMMAND...   e.g. bench/cold-start.sh /tmp/b1 3541 npm start
set -u
dir=$1; port=$2; shift 2
start=$(date +%s.%N)
DATA_DIR=$dir PORT=$port setsid "$@" > "/tmp/cold-start-$port.log" 2>&1 &
pid=$!
until curl -sf "localhost:$port/api/health" >/dev/null 2>&1; do
  kill -0 $pid 2>/dev/null || { echo "the portal exited; see /tmp/cold-start-$port.log"; exit 1; }
  sleep 0.05
done
end=$(date +%s.%N)
echo "ready after $(echo "$end - $start" | bc) s"
sleep 2
node_rss=$(ps -o rss= -p "$(cat "$dir/bureau.pid")")
pg_pss=0
postmaster=$(pgrep -f "postgres -D $dir" | head -1)
for p in $postmaster $(pgrep -P "$postmaster"); do
  v=$(awk '/^Pss:/ {s+=$2} END {print s}' "/proc/$p/smaps_rollup" 2>/dev/null)
  pg_pss=$((pg_pss + ${v:-0}))
done
echo "portal node RSS $((node_rss / 1024)) MB; embedded PostgreSQL PSS $((pg_pss / 1024)) MB"
kill -INT -- -$pid
wait $pid 2>/dev/null
sleep 1
echo "after SIGINT: $(pgrep -f "postgres -D $dir" | wc -l) postgres processes, lock: $(ls "$dir/bureau.pid" 2>/dev/null || echo none)"
