#!/usr/bin/env bash
# Tests ./lab's signal handling and results directories without a real run. A copy of ./lab runs
# in a temporary root, with a stub `java` (through JAVA_HOME) that replaces JMH, the load
# generator, the analysis and the servers, and a stub `date` that gives every run the same
# timestamp. The stubs record the PID of every process they start, so the test can tell whether
# ./lab left one running.
#
# Usage: scripts/test-lab.sh    (./lab test runs it after mvn -B verify; about 20 s)
# Environment:
#   LAB_UNDER_TEST  the script to test (default: ./lab next to this directory)
#
# Cases:
#   1. SIGINT to the run's process group (what Ctrl-C sends) during the benchmarks: exit 130,
#      no load matrix, no process left, RUN_STATUS says interrupted.
#   2. SIGTERM to the run alone during the load matrix: the load generator gets SIGTERM and
#      stops its server, exit 143, no process left.
#   3. A JMH fork that ignores SIGTERM: killed after LAB_STOP_GRACE_SECONDS.
#   4. Three runs started in the same second: three results directories, reports/latest valid.
#   5. --cost with leading zeros, out of range, and at a slow cost; bench --out=DIR; a failed
#      phase in RUN_STATUS; a results directory that holds an earlier run.
#   6. serve's port check on the --host given.
# Needs bash, GNU coreutils (env --default-signal, from 8.31) and setsid; case 5's port check
# also needs python3 for a listening socket, and is skipped without it.
set -euo pipefail

SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LAB_UNDER_TEST="${LAB_UNDER_TEST:-$SCRIPTS_DIR/../lab}"

# Every wait below is bounded. A stopped stub exits within a second, so these limits leave a
# wide margin on a busy 2-core machine.
STEP_START_TIMEOUT_SECONDS=20
LAB_EXIT_TIMEOUT_SECONDS=20
# The grace period ./lab gets for its steps here; case 3 waits it out once.
STOP_GRACE_SECONDS=2
# What the stub steps do when no signal comes: run "forever" (cases 1 to 3) or finish at once.
LONG_STEP_SECONDS=300
POLL_SECONDS=0.1
# The timestamp the stub `date` gives every run, so concurrent runs collide on purpose.
FIXED_STAMP=20990101T000000Z

WORK="$(mktemp -d "${TMPDIR:-/tmp}/test-lab.XXXXXX")"
STATE="$WORK/state"
LAB_ROOT="$WORK/root"
RUNS="$WORK/runs"
failures=0

# ---------------------------------------------------------------------------------------------
# Fixture

write_stub_java() {
    mkdir -p "$WORK/jdk/bin"
    cat >"$WORK/jdk/bin/java" <<'STUB'
#!/usr/bin/env bash
# Stub `java` for scripts/test-lab.sh. It records the PID of each process it starts in
# $STUB_STATE/pids. STUB_STEP_SECONDS sets how long JMH and the load generator run;
# STUB_FORK=ignore-term makes the JMH fork ignore SIGTERM; STUB_LOADGEN_FAILS=1 makes the load
# generator exit with 1.
set -u
state="$STUB_STATE"
step_seconds="${STUB_STEP_SECONDS:-0}"
if [[ "${1:-}" == -version ]]; then
    echo 'openjdk version "17.0.15" 2025-04-15' >&2
    exit 0
fi
while (($# > 0)) && [[ "$1" != -jar ]]; do
    shift
done
jar="${2:-}"
shift 2
echo "$$" >>"$state/pids"

value_of() {
    local name="$1"
    shift
    while (($# > 0)); do
        if [[ "$1" == "$name" ]]; then
            echo "${2:-}"
            return
        fi
        shift
    done
}

# Starts a fake JMH fork or server and sets SLEEPER_PID to its PID. It stops
# 0.5 s after SIGTERM, like a graceful shutdown, or ignores SIGTERM with `ignore-term`.
start_sleeper() {
    if [[ "$1" == ignore-term ]]; then
        (trap '' TERM && exec sleep 300) >/dev/null &
    else
        (
            trap 'kill "$sleeper"; sleep 0.5; exit 0' TERM
            sleep 300 &
            sleeper=$!
            echo "$sleeper" >>"$state/pids"
            wait "$sleeper"
        ) >/dev/null &
    fi
    SLEEPER_PID=$!
    echo "$SLEEPER_PID" >>"$state/pids"
}

# Runs for STUB_STEP_SECONDS in a way that lets a trap run at once.
run_step() {
    sleep "$step_seconds" &
    echo "$!" >>"$state/pids"
    wait "$!"
}

case "${jar##*/}" in
    benchmarks.jar)
        printf '%s\n' "$@" >"$state/bench.args"
        start_sleeper "${STUB_FORK:-graceful}"
        fork=$SLEEPER_PID
        # Like a JVM on SIGTERM or SIGINT, the host exits at once; its fork is left running.
        trap 'exit 143' TERM
        trap 'exit 130' INT
        touch "$state/bench.started"
        run_step
        out="$(value_of --out "$@")"
        mkdir -p "$(dirname "$out")"
        echo '[]' >"$out"
        kill -TERM "$fork"
        wait "$fork"
        ;;
    loadgen.jar)
        printf '%s\n' "$@" >"$state/loadgen.args"
        out="$(value_of --out "$@")"
        start_sleeper graceful
        server=$SLEEPER_PID
        # Like the load generator's shutdown hook: SIGTERM to the server, no wait for it.
        trap 'kill -TERM "$server"; touch "$state/loadgen.term"; exit 143' TERM
        trap 'kill -TERM "$server"; exit 130' INT
        echo "{\"stubPid\": $$}" >"$out/environment.json"
        touch "$state/loadgen.started"
        run_step
        echo '{"steps": []}' >"$out/matrix.json"
        kill -TERM "$server"
        wait "$server"
        if [[ -n "${STUB_LOADGEN_FAILS:-}" ]]; then
            echo "stub: the matrix failed" >&2
            exit 1
        fi
        ;;
    analysis.jar)
        if [[ "$1" == report ]]; then
            {
                echo "# stub report"
                cat "$2/RUN_STATUS" 2>/dev/null
            } >"$2/report.md"
            echo "$2/report.md"
        fi
        ;;
    *)
        echo "listening on http://127.0.0.1:0"
        ;;
esac
exit 0
STUB
    chmod +x "$WORK/jdk/bin/java"
}

write_stub_date() {
    local real_date
    real_date="$(command -v date)"
    mkdir -p "$WORK/bin"
    cat >"$WORK/bin/date" <<STUB
#!/usr/bin/env bash
# Stub \`date\` for scripts/test-lab.sh: a fixed results directory timestamp.
if [[ "\$*" == "-u +%Y%m%dT%H%M%SZ" ]]; then
    echo $FIXED_STAMP
else
    exec "$real_date" "\$@"
fi
STUB
    chmod +x "$WORK/bin/date"
}

set_up() {
    mkdir -p "$STATE" "$LAB_ROOT" "$RUNS"
    cp "$LAB_UNDER_TEST" "$LAB_ROOT/lab"
    write_stub_java
    write_stub_date
    export JAVA_HOME="$WORK/jdk"
    export PATH="$WORK/bin:$PATH"
    export STUB_STATE="$STATE"
    export NO_BUILD=1
    export LAB_STOP_GRACE_SECONDS="$STOP_GRACE_SECONDS"
    touch "$STATE/pids"
}

process_running() {
    local line
    { read -r line <"/proc/$1/stat"; } 2>/dev/null || return 1
    [[ "${line##*) }" != Z* ]]
}

# Prints the stub PIDs that still run.
running_stubs() {
    local pid
    while read -r pid; do
        if process_running "$pid"; then
            echo "$pid"
        fi
    done <"$STATE/pids"
}

# Kills what a failed case left behind, by the PIDs the stubs recorded.
clean_up() {
    local pid
    if [[ -f "$STATE/pids" ]]; then
        for pid in $(running_stubs); do
            kill -KILL "$pid" 2>/dev/null || true
        done
    fi
    rm -rf "$WORK"
}
trap clean_up EXIT

reset_state() {
    rm -f "$STATE"/*.started "$STATE"/*.term "$STATE"/*.args
}

# ---------------------------------------------------------------------------------------------
# Checks

check() {
    local description="$1"
    shift
    if "$@"; then
        echo "  ok: $description"
    else
        echo "  FAILED: $description" >&2
        failures=$((failures + 1))
    fi
}

await_file() {
    local file="$1" deadline=$((SECONDS + STEP_START_TIMEOUT_SECONDS))
    while [[ ! -e "$file" ]] && ((SECONDS < deadline)); do
        sleep "$POLL_SECONDS"
    done
    [[ -e "$file" ]]
}

# Starts ./lab in a new session with SIGINT at its default, as a terminal would, so that the
# session's process group is what Ctrl-C signals. Sets LAB_PID, which is also the group's ID.
start_lab() {
    local name="$1"
    shift
    setsid env --default-signal=INT "$LAB_ROOT/lab" "$@" >"$RUNS/$name.out" 2>"$RUNS/$name.err" &
    LAB_PID=$!
}

# Waits for ./lab to exit and sets LAB_STATUS to its exit status, or to "running" when it did not
# exit in time (it is then killed).
await_lab() {
    local deadline=$((SECONDS + LAB_EXIT_TIMEOUT_SECONDS))
    while process_running "$LAB_PID" && ((SECONDS < deadline)); do
        sleep "$POLL_SECONDS"
    done
    if process_running "$LAB_PID"; then
        kill -KILL -- "-$LAB_PID" 2>/dev/null || true
        wait "$LAB_PID" 2>/dev/null || true
        LAB_STATUS=running
        return
    fi
    LAB_STATUS=0
    wait "$LAB_PID" || LAB_STATUS=$?
}

# Runs ./lab in the foreground; sets LAB_STATUS.
run_lab() {
    local name="$1"
    shift
    LAB_STATUS=0
    "$LAB_ROOT/lab" "$@" >"$RUNS/$name.out" 2>"$RUNS/$name.err" </dev/null || LAB_STATUS=$?
}

status_is() {
    [[ "$LAB_STATUS" == "$1" ]] || {
        echo "    exit status $LAB_STATUS, expected $1" >&2
        return 1
    }
}

no_stub_running() {
    local left
    left="$(running_stubs | tr '\n' ' ')"
    [[ -z "$left" ]] || {
        echo "    still running: $left" >&2
        return 1
    }
}

contains() {
    grep -q -- "$2" "$1" 2>/dev/null || {
        echo "    $1 does not contain '$2'" >&2
        return 1
    }
}

lacks() {
    ! grep -q -- "$2" "$1" 2>/dev/null || {
        echo "    $1 contains '$2'" >&2
        return 1
    }
}

first_line_is() {
    [[ "$(head -n 1 "$1" 2>/dev/null)" == "$2" ]] || {
        echo "    first line of $1: '$(head -n 1 "$1" 2>/dev/null)', expected '$2'" >&2
        return 1
    }
}

# ---------------------------------------------------------------------------------------------
# Cases

test_sigint_during_benchmarks_stops_run() {
    echo "sigint during benchmarks stops the run"
    reset_state
    local out="$RUNS/sigint"
    STUB_STEP_SECONDS=$LONG_STEP_SECONDS start_lab sigint run --quick --out "$out"
    check "JMH started" await_file "$STATE/bench.started"
    kill -INT -- "-$LAB_PID"
    await_lab
    check "exit status 130" status_is 130
    check "the load matrix never started" test ! -e "$STATE/loadgen.started"
    check "no process left" no_stub_running
    check "says the run was interrupted" contains "$RUNS/sigint.err" "interrupted by SIGINT"
    check "RUN_STATUS says interrupted" first_line_is "$out/RUN_STATUS" "status: interrupted"
    check "RUN_STATUS names the phase" contains "$out/RUN_STATUS" "phase: benchmarks"
    check "no report written" test ! -e "$out/report.md"
}

test_sigterm_during_matrix_stops_server() {
    echo "sigterm during the load matrix stops the loadgen and its server"
    reset_state
    local out="$RUNS/sigterm"
    STUB_STEP_SECONDS=$LONG_STEP_SECONDS start_lab sigterm run --quick --skip-bench --out "$out"
    check "the load matrix started" await_file "$STATE/loadgen.started"
    kill -TERM "$LAB_PID"
    await_lab
    check "exit status 143" status_is 143
    check "the loadgen got SIGTERM" test -e "$STATE/loadgen.term"
    check "no process left" no_stub_running
    check "RUN_STATUS names the phase and signal" \
        contains "$out/RUN_STATUS" "phase: load matrix, interrupted by SIGTERM"
    check "RUN_STATUS names the skipped phase" contains "$out/RUN_STATUS" "skipped phases: benchmarks"
}

test_fork_ignoring_sigterm_is_killed() {
    echo "a JMH fork that ignores SIGTERM is killed after the grace period"
    reset_state
    STUB_FORK=ignore-term STUB_STEP_SECONDS=$LONG_STEP_SECONDS \
        start_lab stubborn run --quick --out "$RUNS/stubborn"
    check "JMH started" await_file "$STATE/bench.started"
    kill -TERM "$LAB_PID"
    await_lab
    check "exit status 143" status_is 143
    check "no process left" no_stub_running
    check "says it killed the step" contains "$RUNS/stubborn.err" "did not stop within"
}

test_runs_in_same_second_get_own_directories() {
    echo "runs started in the same second get their own results directories"
    reset_state
    local names=(race1 race2 race3) name pids=() statuses=0
    for name in "${names[@]}"; do
        STUB_STEP_SECONDS=0 start_lab "$name" run --quick
        pids+=("$LAB_PID")
    done
    for LAB_PID in "${pids[@]}"; do
        await_lab
        [[ "$LAB_STATUS" == 0 ]] || statuses=$LAB_STATUS
    done
    LAB_STATUS=$statuses
    check "every run succeeded" status_is 0
    local reports
    reports="$(cat "$RUNS"/race*.out | sort -u | wc -l)"
    check "three different report paths" test "$reports" -eq 3
    check "three results directories" test "$(find "$LAB_ROOT/reports" -mindepth 1 -maxdepth 1 \
        -type d -name "$FIXED_STAMP*" | wc -l)" -eq 3
    check "reports/latest points to one of them" test -f "$LAB_ROOT/reports/latest/report.md"
    check "no RUN_STATUS after a successful run" \
        test ! -e "$LAB_ROOT/reports/$FIXED_STAMP/RUN_STATUS"
}

test_cost_and_options() {
    echo "cost values, bench --out=DIR, a failed phase, a reused results directory"
    reset_state
    STUB_STEP_SECONDS=0 run_lab cost08 run --quick --skip-bench --cost 08 --out "$RUNS/cost08"
    check "--cost 08 runs" status_is 0
    check "--cost 08 reaches the loadgen as 8" contains "$STATE/loadgen.args" "^8$"
    check "--cost 08 gives no bash error" lacks "$RUNS/cost08.err" "value too great"

    STUB_STEP_SECONDS=0 run_lab cost010 run --quick --skip-bench --cost 010 --out "$RUNS/cost010"
    check "--cost 010 reaches the loadgen as 10, not octal 8" contains "$STATE/loadgen.args" "^10$"

    local dirs_before dirs_after
    dirs_before="$(find "$LAB_ROOT/reports" -mindepth 1 -maxdepth 1 | wc -l)"
    run_lab cost32 run --quick --cost 32
    dirs_after="$(find "$LAB_ROOT/reports" -mindepth 1 -maxdepth 1 | wc -l)"
    check "--cost 32 is rejected" status_is 1
    check "--cost 32 names the range" contains "$RUNS/cost32.err" "4 to 31"
    check "--cost 32 leaves no results directory" test "$dirs_before" -eq "$dirs_after"

    STUB_STEP_SECONDS=0 run_lab cost15 run --quick --skip-bench --cost 15 --out "$RUNS/cost15"
    check "--cost 15 warns with the estimated hash time" \
        contains "$RUNS/cost15.err" "one bcrypt hash takes about 2 s"
    check "--cost 15 warns that the run takes hours" contains "$RUNS/cost15.err" "take hours"

    STUB_STEP_SECONDS=0 run_lab bench bench --quick --out="$RUNS/bench"
    check "bench --out=DIR runs" status_is 0
    check "bench --out=DIR writes there" test -f "$RUNS/bench/jmh/results.json"

    STUB_STEP_SECONDS=0 STUB_LOADGEN_FAILS=1 \
        run_lab failed run --quick --skip-bench --out "$RUNS/failed"
    check "a failed phase exits with 1" status_is 1
    check "RUN_STATUS says failed" first_line_is "$RUNS/failed/RUN_STATUS" "status: failed"
    check "RUN_STATUS names the failed phase" \
        contains "$RUNS/failed/RUN_STATUS" "failed phases: load matrix"
    check "the analysis sees RUN_STATUS" contains "$RUNS/failed/report.md" "status: failed"

    run_lab reuse run --quick --skip-bench --out "$RUNS/cost08"
    check "a directory with an earlier run is rejected" status_is 1
    check "the rejection says why" contains "$RUNS/reuse.err" "already holds an earlier run"
}

test_serve_checks_port_on_given_host() {
    echo "serve checks the port on the --host given"
    if ! command -v python3 >/dev/null 2>&1; then
        echo "  skipped: needs python3 for a listening socket"
        return
    fi
    local port_file="$WORK/port" listener
    python3 -c '
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen()
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
time.sleep(60)
' "$port_file" &
    listener=$!
    echo "$listener" >>"$STATE/pids"
    check "listener ready" await_file "$port_file"
    local port
    port="$(cat "$port_file")"
    run_lab serve-busy serve blocking --host 127.0.0.1 --port "$port"
    check "a port in use on that host is rejected" status_is 1
    check "the rejection names the host" contains "$RUNS/serve-busy.err" "on 127.0.0.1 is in use"
    run_lab serve-free serve blocking --host 127.0.0.2 --port "$port"
    check "the same port on another host is free" status_is 0
    kill "$listener" 2>/dev/null || true
    wait "$listener" 2>/dev/null || true
}

main() {
    set_up
    test_sigint_during_benchmarks_stops_run
    test_sigterm_during_matrix_stops_server
    test_fork_ignoring_sigterm_is_killed
    test_runs_in_same_second_get_own_directories
    test_cost_and_options
    test_serve_checks_port_on_given_host
    if ((failures > 0)); then
        echo "test-lab: $failures checks failed" >&2
        exit 1
    fi
    echo "test-lab: all checks passed"
}

main "$@"
