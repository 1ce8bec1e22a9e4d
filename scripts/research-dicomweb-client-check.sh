#!/bin/bash
# Checks the research DICOMweb (/dicomweb) with a real DICOMweb client: Orthanc's DICOMweb plugin (Debian packages
# orthanc, orthanc-dicomweb) QIDO-RS-searches the studies through RadBridge and WADO-RS-retrieves the first one into
# its own store, then prints what Orthanc holds (research key, research UIDs, PatientIdentityRemoved).
#
# Usage: unshare -rn scripts/research-dicomweb-client-check.sh JAR
#   Run it inside a private network namespace (Orthanc cannot bind to loopback only). RADBRIDGE_DATA and the
#   RADBRIDGE_*_PORT variables select the data directory (already ingested) and ports, as for ./radbridge.
set -euo pipefail
JAR=${1:?usage: research-dicomweb-client-check.sh path/to/radbridge.jar}
ip link set lo up
HTTP=${RADBRIDGE_HTTP_PORT:-8080}
WORK=$(mktemp -d)
java -Xmx1500m -jar "$JAR" serve > "$WORK/serve.log" 2>&1 &
SERVE=$!
trap 'kill $SERVE ${ORTHANC:-} 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$HTTP/actuator/health" >/dev/null && break; sleep 2; done
TOKEN=$(java -jar "$JAR" token create --name "dicomweb-check-$RANDOM" --role researcher 2>/dev/null)
cat > "$WORK/orthanc.json" <<JSON
{ "Name": "dicomweb-check", "HttpPort": 18642, "DicomPort": 18643, "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
  "StorageDirectory": "$WORK/storage", "IndexDirectory": "$WORK/storage",
  "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"],
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/",
    "Servers": { "radbridge": { "Url": "http://127.0.0.1:$HTTP/dicomweb/", "HttpHeaders": { "Authorization": "Bearer $TOKEN" } } } } }
JSON
/usr/sbin/Orthanc "$WORK/orthanc.json" > "$WORK/orthanc.log" 2>&1 &
ORTHANC=$!
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:18642/system >/dev/null && break; sleep 1; done
curl -s -X POST http://127.0.0.1:18642/dicom-web/servers/radbridge/qido -d '{"Uri":"/studies"}' > "$WORK/qido.json"
STUDY=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d), 'studies found by QIDO-RS', file=sys.stderr); print(d[0]['0020000D']['Value'])" "$WORK/qido.json")
echo "WADO-RS retrieve of study $STUDY:"
curl -s -X POST http://127.0.0.1:18642/dicom-web/servers/radbridge/retrieve -d "{\"Resources\":[{\"Study\":\"$STUDY\"}]}"
echo
for i in $(curl -s http://127.0.0.1:18642/instances | python3 -c "import json,sys; print(' '.join(json.load(sys.stdin)))"); do
  curl -s "http://127.0.0.1:18642/instances/$i/simplified-tags" | python3 -c "import json,sys; t=json.load(sys.stdin); print({k: t.get(k) for k in ['PatientID','StudyInstanceUID','StudyDate','AccessionNumber','PatientIdentityRemoved']})"
done
