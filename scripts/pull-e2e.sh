#!/usr/bin/env bash
# End-to-end check of `radbridge pull` against a real Orthanc (Debian packages orthanc + orthanc-dicomweb):
# generates a small synthetic PACS, loads it into Orthanc through its REST API, then pulls it with
# C-FIND + C-MOVE, again (resume: nothing to do), with C-GET into a second data directory, and by DICOMweb
# into a third, and compares the staged instance UIDs with Orthanc's. Everything runs in a private network
# namespace where only loopback exists (Orthanc cannot bind to loopback only).
# Usage: scripts/pull-e2e.sh [PATIENTS]        (needs root for unshare; builds nothing: build the jar first with `./radbridge help` or `mvn -B -DskipTests package`)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export RADBRIDGE_HOME="$HERE"
JAR="$HERE/fhir-server/target/radbridge.jar"
PATIENTS="${1:-3}"
[ -f "$JAR" ] || { echo "pull-e2e: $JAR missing: build it first (./radbridge help, or mvn -B -DskipTests package)" >&2; exit 1; }
for b in /usr/sbin/Orthanc /usr/share/orthanc/plugins/libOrthancDicomWeb.so; do
  [ -e "$b" ] || { echo "pull-e2e: skipped: $b not installed (apt-get install orthanc orthanc-dicomweb)" >&2; exit 0; }
done
if [ -z "${RADBRIDGE_PULL_E2E_INSIDE:-}" ]; then
  if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
    export RADBRIDGE_PULL_E2E_INSIDE=1
    exec unshare -n bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
  fi
  echo "pull-e2e: skipped: cannot create a private network namespace (needs root and unshare)" >&2; exit 0
fi

WORK="$(mktemp -d /tmp/pull-e2e.XXXXXX)"
trap 'kill $ORTHANC_PID 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
HTTP=18042; DICOM=14242; OURS=11112
java -jar "$JAR" generate --patients "$PATIENTS" --seed 7 --out "$WORK/pacs" >/dev/null
mkdir -p "$WORK/orthanc/plugins"; ln -s /usr/share/orthanc/plugins/libOrthancDicomWeb.so "$WORK/orthanc/plugins/"
cat > "$WORK/orthanc/orthanc.json" <<JSON
{ "Name": "pull-e2e", "StorageDirectory": "$WORK/orthanc/db", "IndexDirectory": "$WORK/orthanc/db",
  "HttpPort": $HTTP, "DicomPort": $DICOM, "DicomAet": "ORTHANC", "DicomCheckCalledAet": true, "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "Plugins": ["$WORK/orthanc/plugins"],
  "DicomModalities": { "radbridge": { "AET": "RADBRIDGE", "Host": "127.0.0.1", "Port": $OURS,
      "AllowMove": true, "AllowGet": true, "AllowFind": true, "AllowEcho": true, "AllowStore": true } },
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/" } }
JSON
/usr/sbin/Orthanc "$WORK/orthanc/orthanc.json" >"$WORK/orthanc.log" 2>&1 & ORTHANC_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$HTTP/system" >/dev/null && break; sleep 0.2; done
n=0; t0=$(date +%s.%N)
while IFS= read -r -d '' f; do curl -sf -X POST --data-binary @"$f" "http://127.0.0.1:$HTTP/instances" >/dev/null; n=$((n+1)); done \
  < <(find "$WORK/pacs" -name '*.dcm' -print0)
echo "pull-e2e: loaded $n files into Orthanc in $(echo "$(date +%s.%N) - $t0" | bc) s"
echo "pull-e2e: Orthanc holds $(curl -sf "http://127.0.0.1:$HTTP/statistics" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["CountStudies"], "studies,", s["CountInstances"], "instances")')"

run() {  # run DATA_DIR DB_PORT ARGS...: the CLI's report (per-study counts checked against the PACS's own) and exit code
  local data="$1" port="$2"; shift 2
  local rc=0
  RADBRIDGE_DATA="$data" RADBRIDGE_DB_PORT="$port" RADBRIDGE_HTTP_PORT=18080 RADBRIDGE_DICOM_PORT=$OURS \
    java -Xmx2g -jar "$JAR" "$@" > "$WORK/out.log" 2>&1 || rc=$?
  grep -E '^(Pull from|  [a-z]|radbridge pull)' "$WORK/out.log" || grep -vE '^\s+at |^\s*\.\.\.' "$WORK/out.log" | tail -8
  return $rc
}
FAIL=0
step() {  # step LABEL EXPECTED_RC DATA_DIR DB_PORT ARGS...   (PULL_E2E_ONLY=word runs only the steps whose label has it)
  local label="$1" want="$2"; shift 2
  case "$label" in *"${PULL_E2E_ONLY:-}"*) ;; *) return 0 ;; esac
  local t=$SECONDS rc=0
  echo "pull-e2e: --- $label"
  run "$@" || rc=$?
  if [ "$rc" = "$want" ]; then echo "pull-e2e: $label: ok (exit $rc, $((SECONDS - t)) s)"; else echo "pull-e2e: $label: FAILED (exit $rc, wanted $want)"; FAIL=1; fi
}
step "C-FIND + C-MOVE" 0 "$WORK/move" 15433 pull dimse --aet ORTHANC --host 127.0.0.1 --port $DICOM
step "same pull again (resume: nothing left)" 0 "$WORK/move" 15433 pull dimse --aet ORTHANC --host 127.0.0.1 --port $DICOM
step "C-FIND + C-GET" 0 "$WORK/get" 15434 pull dimse --aet ORTHANC --host 127.0.0.1 --port $DICOM --get
step "QIDO-RS + WADO-RS metadata" 0 "$WORK/web" 15435 pull dicomweb --url "http://127.0.0.1:$HTTP/dicom-web"
step "unreachable PACS" 1 "$WORK/down" 15436 pull dimse --aet ORTHANC --host 127.0.0.1 --port 1 --retries 2
step "wrong called AE title" 1 "$WORK/down" 15436 pull dimse --aet NOTORTHANC --host 127.0.0.1 --port $DICOM
exit $FAIL
