#!/usr/bin/env bash
# How long `./radbridge serve` takes until /fhir/metadata answers 200 (issue 15's "serve ready in under 20 s").
#   scripts/serve-ready.sh [-n RUNS] [-d DATA_DIR] [-W] [VARIANT...]      (-W: no untimed first start)
# Uses a demo data directory (default target/serve-ready-data; made once with `./radbridge demo --exit`), starts the
# server once untimed (a first start after demo may still write), then RUNS times per variant, variants alternating.
# A VARIANT is LABEL or LABEL:NAME=VALUE,NAME=VALUE (environment for that start, e.g. 'plain:RADBRIDGE_CDS=off');
# default: one variant, the launcher as it is. Prints one row per start: seconds to /fhir/metadata 200 (with the admin
# token), the JVM's CPU seconds (user+system) at that moment and the 1-minute load average.
# THREADS=1 also writes the CPU seconds per kind of thread at that moment next to each log.
# Wall time depends on what else runs on the machine; the CPU seconds are the steadier figure.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=3
DATA="$HERE/target/serve-ready-data"
WARM=1
while getopts "n:d:W" o; do
  case "$o" in
    n) RUNS="$OPTARG" ;;
    d) DATA="$(realpath -m "$OPTARG")" ;;
    W) WARM=0 ;;
    *) echo "usage: $0 [-n RUNS] [-d DATA_DIR] [-W] [LABEL[:NAME=VALUE,...]...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
VARIANTS=("$@")
[ ${#VARIANTS[@]} -gt 0 ] || VARIANTS=("serve")
HZ="$(getconf CLK_TCK)"
LOGS="$(dirname "$DATA")/serve-ready-logs"
mkdir -p "$LOGS"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export RADBRIDGE_DATA="$DATA"
export RADBRIDGE_HTTP_PORT RADBRIDGE_DB_PORT RADBRIDGE_DICOM_PORT RADBRIDGE_MLLP_PORT
new_ports() {
  RADBRIDGE_HTTP_PORT="$(free_port)"; RADBRIDGE_DB_PORT="$(free_port)"
  RADBRIDGE_DICOM_PORT="$(free_port)"; RADBRIDGE_MLLP_PORT="$(free_port)"
}

if [ ! -d "$DATA/pg" ]; then
  new_ports
  echo "serve-ready: making demo data in $DATA (./radbridge demo --exit)" >&2
  "$HERE/radbridge" demo --exit > "$LOGS/demo.out" 2> "$LOGS/demo.err" || { cat "$LOGS/demo.err" >&2; exit 1; }
fi

# a server still starting when this script is interrupted is stopped (SIGTERM: it stops its PostgreSQL too)
RUNNING=
trap '[ -z "$RUNNING" ] || { kill -TERM "$RUNNING" 2>/dev/null; wait "$RUNNING" 2>/dev/null; }' EXIT

# cpu_seconds PID: user+system CPU of the process and its threads so far
cpu_seconds() { awk -v hz="$HZ" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"; }

# thread_cpu PID: CPU seconds per kind of thread (numbers in thread names folded), most first
thread_cpu() {
  local t
  for t in /proc/"$1"/task/*; do
    { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$t/stat" | tr '\n' ' '; sed -E 's/[0-9]+$/#/' "$t/comm"; } 2>/dev/null || true
  done | awk -v hz="$HZ" '{ c = $1; $1 = ""; s[$0] += c } END { for (k in s) printf "%8.1f %s\n", s[k] / hz, k }' | sort -rn
}

# start_once LABEL ENV: one timed start; prints a table row
start_once() {
  local label="$1" envs="$2" log pid t0 now ok=0 secs cpu load
  new_ports
  log="$LOGS/$label.$(date +%H%M%S).err"
  local envargs=()
  if [ -n "$envs" ]; then IFS=',' read -r -a envargs <<< "$envs"; fi
  t0="$(date +%s.%N)"
  # LAUNCHER in a variant's environment runs another launcher (e.g. a copy of the repository at another commit)
  env "${envargs[@]}" sh -c 'exec "${LAUNCHER:-$0}" serve' "$HERE/radbridge" > /dev/null 2> "$log" &
  pid=$!
  RUNNING="$pid"
  local url="http://127.0.0.1:$RADBRIDGE_HTTP_PORT/fhir/metadata"
  while kill -0 "$pid" 2>/dev/null; do
    if [ -f "$DATA/secrets/admin.token" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 \
        -H "Authorization: Bearer $(cat "$DATA/secrets/admin.token")" "$url")" = 200 ]; then
      now="$(date +%s.%N)"; cpu="$(cpu_seconds "$pid")"; ok=1
      if [ -n "${THREADS:-}" ]; then thread_cpu "$pid" > "$log.threads" || true; fi
      break
    fi
    sleep 0.1
  done
  load="$(cut -d' ' -f1 /proc/loadavg)"
  # stop it once it is fully up (data/server.url written): stopping it half-way through its ready listeners makes
  # HAPI's scheduled jobs wait for a database that is already gone
  while [ "$ok" = 1 ] && kill -0 "$pid" 2>/dev/null && [ ! -f "$DATA/server.url" ]; do sleep 0.2; done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  RUNNING=
  if [ "$ok" = 1 ]; then
    secs="$(echo "$now - $t0" | bc)"
    printf '%-12s %8.1f %8s %6s\n' "$label" "$secs" "$cpu" "$load"
  else
    printf '%-12s %8s %8s %6s   (server ended before it was ready: %s)\n' "$label" failed - "$load" "$log"
  fi
}

echo "serve-ready: $( [ "$WARM" = 1 ] && echo "one untimed start first, then ")$RUNS start(s) per variant; logs in $LOGS" >&2
if [ "$WARM" = 1 ]; then start_once warm-up "" > /dev/null; fi
printf '%-12s %8s %8s %6s\n' variant ready_s cpu_s load1
for ((i = 1; i <= RUNS; i++)); do
  for v in "${VARIANTS[@]}"; do
    start_once "${v%%:*}" "$( [[ "$v" == *:* ]] && echo "${v#*:}" || true)"
  done
done
