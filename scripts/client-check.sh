#!/usr/bin/env bash
# Checks that the load generator is not the bottleneck: drives one server's health endpoint
# with wrk (a C load generator) and with the loadgen, on loopback, and writes both rates and
# latencies side by side.
#
# Usage: scripts/client-check.sh [SERVER_JAR]
#   SERVER_JAR   default server-blocking/target/server-blocking.jar
# Environment:
#   DURATION_S   seconds per run (default 10)
#   CONNECTIONS  concurrent connections for wrk and users for the loadgen (default 50)
#   OUT          results directory (default results/client-check)
#
# Runs, in order, each against the same server process:
#   1. wrk -t2 -cCONNECTIONS: a closed model, CONNECTIONS connections sending back to back.
#   2. loadgen closed --users CONNECTIONS: the same closed model in the loadgen.
#   3. loadgen open at 50% of wrk's rate: can the loadgen hold a fixed rate?
# Needs wrk (Debian package wrk), jq, java, and the built jars (mvn -B package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."

SERVER_JAR=${1:-server-blocking/target/server-blocking.jar}
LOADGEN_JAR=loadgen/target/loadgen.jar
DURATION_S=${DURATION_S:-10}
CONNECTIONS=${CONNECTIONS:-50}
OUT=${OUT:-results/client-check}
# Fraction of wrk's rate for the open-model run: high, with room for the noise of a shared
# 2-core machine (at 0.8 the server fell behind and the open model piled up connections).
OPEN_FRACTION=0.5
# Registrations each loadgen process sends before it measures, so its JIT has compiled the
# send path; at cost 4 they take about a second.
LOADGEN_WARMUP=500
# Seconds to wait for the server's "listening on" line.
START_TIMEOUT_S=60

for tool in wrk jq java; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "client-check: missing '$tool'. Install it (wrk and jq: apt-get install wrk jq)." >&2
        exit 2
    fi
done
for jar in "$SERVER_JAR" "$LOADGEN_JAR"; do
    if [ ! -r "$jar" ]; then
        echo "client-check: missing $jar. Build it with 'mvn -B package -DskipTests'." >&2
        exit 2
    fi
done

rm -rf "$OUT"
mkdir -p "$OUT"
SERVER_LOG="$OUT/server.log"

# Start the server on a free loopback port and stop it with SIGTERM on any exit.
java -jar "$SERVER_JAR" --port 0 --cost 4 --db "jdbc:h2:mem:client-check;DB_CLOSE_DELAY=-1" \
    >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
trap 'kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT

BASE_URL=""
for _ in $(seq 1 $((START_TIMEOUT_S * 10))); do
    BASE_URL=$(sed -n 's/.*listening on \(http:\/\/[^ ]*\).*/\1/p' "$SERVER_LOG" | head -n 1)
    [ -n "$BASE_URL" ] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "client-check: the server exited before listening; see $SERVER_LOG" >&2
        exit 1
    fi
    sleep 0.1
done
if [ -z "$BASE_URL" ]; then
    echo "client-check: no 'listening on' line within ${START_TIMEOUT_S}s; see $SERVER_LOG" >&2
    exit 1
fi
echo "client-check: server $SERVER_JAR at $BASE_URL (pid $SERVER_PID)" >&2

# Warm the server up; each loadgen process warms itself up with --warmup.
wrk -t2 -c"$CONNECTIONS" -d3s "$BASE_URL/api/health/" >/dev/null

echo "client-check: wrk, ${CONNECTIONS} connections, ${DURATION_S}s" >&2
wrk -t2 -c"$CONNECTIONS" -d"${DURATION_S}s" --latency "$BASE_URL/api/health/" | tee "$OUT/wrk.txt" >&2

echo "client-check: loadgen closed, ${CONNECTIONS} users, ${DURATION_S}s" >&2
java -jar "$LOADGEN_JAR" closed --target "$BASE_URL" --out "$OUT" --label loadgen \
    --endpoint health --users "$CONNECTIONS" --duration-s "$DURATION_S" \
    --probe-rate 0 --warmup "$LOADGEN_WARMUP" --server-pid "$SERVER_PID" >&2

WRK_RATE=$(awk '/^Requests\/sec:/ {print $2}' "$OUT/wrk.txt")
OPEN_RATE=$(awk -v r="$WRK_RATE" -v f="$OPEN_FRACTION" 'BEGIN {printf "%.0f", r * f}')
echo "client-check: loadgen open at ${OPEN_RATE}/s (${OPEN_FRACTION} of wrk's rate), ${DURATION_S}s" >&2
java -jar "$LOADGEN_JAR" open --target "$BASE_URL" --out "$OUT" --label loadgen \
    --endpoint health --rate "$OPEN_RATE" --duration-s "$DURATION_S" --name open-health \
    --probe-rate 0 --warmup "$LOADGEN_WARMUP" --server-pid "$SERVER_PID" >&2

# wrk prints latencies with units (us, ms, s); convert them to milliseconds.
wrk_ms() {
    awk -v p="$1" '$1 == p {v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
        f = (u == "us") ? 0.001 : (u == "s") ? 1000 : 1; printf "%.3f", v * f}' "$OUT/wrk.txt"
}
wrk_errors() {
    awk '/Socket errors/ {gsub(",", ""); s += $4 + $6 + $8 + $10} /Non-2xx/ {s += $NF}
        END {print s + 0}' "$OUT/wrk.txt"
}
summary() {
    jq -r "$2" "$OUT/loadgen/$1/summary.json"
}
CLOSED="closed-$CONNECTIONS"
{
    echo "# Client check: wrk against the loadgen on $BASE_URL/api/health/"
    echo
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
    echo "$(java -version 2>&1 | head -n 1). Server: $SERVER_JAR, cost 4 (health does not hash)."
    echo "Each run: ${DURATION_S} s. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    echo "| run | model | rate (req/s) | p50 ms | p90 ms | p99 ms | errors |"
    echo "|---|---|---|---|---|---|---|"
    echo "| wrk -t2 -c$CONNECTIONS | closed, $CONNECTIONS connections | $WRK_RATE | $(wrk_ms 50%) | $(wrk_ms 90%) | $(wrk_ms 99%) | $(wrk_errors) |"
    echo "| loadgen closed | closed, $CONNECTIONS users | $(summary "$CLOSED" '.throughputPerSec | floor') | $(summary "$CLOSED" '.latencyMs.p50') | $(summary "$CLOSED" '.latencyMs.p90') | $(summary "$CLOSED" '.latencyMs.p99') | $(summary "$CLOSED" '.requests - .successes') |"
    echo "| loadgen open | open, target $OPEN_RATE/s, achieved $(summary open-health '.achievedRatePerSec | floor')/s | $(summary open-health '.throughputPerSec | floor') | $(summary open-health '.latencyMs.p50') | $(summary open-health '.latencyMs.p90') | $(summary open-health '.latencyMs.p99') | $(summary open-health '.requests - .successes') |"
    echo
    echo "Loadgen client verdicts: closed $(summary "$CLOSED" '.client | "valid=\(.valid) cpu=\(.cpuPercent | floor)% \(.reason)"'),"
    echo "open $(summary open-health '.client | "valid=\(.valid) cpu=\(.cpuPercent | floor)% sendLagP99=\(.sendLagP99Ms)ms \(.reason) \(.warning)"')."
} >"$OUT/client-check.md"
cat "$OUT/client-check.md"
