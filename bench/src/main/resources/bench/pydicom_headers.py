# Peer of `radbridge bench ingest`: pydicom's header-only read of the same files, one worker per core.
# Usage: /usr/bin/python3 pydicom_headers.py FILE_LIST WORKERS  -> one JSON line on stdout
import json
import sys
import time
from multiprocessing import Pool

from pydicom import dcmread


def read(chunk):
    ok = failed = 0
    for path in chunk:
        try:
            ds = dcmread(path, stop_before_pixels=True, force=True)
            # touch the attributes an ingest needs, as pydicom decodes lazily
            ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.SOPInstanceUID
            ds.get("PatientID"), ds.get("Modality"), ds.get("StudyDate")
            ok += 1
        except Exception:
            failed += 1
    return ok, failed


def main():
    with open(sys.argv[1]) as f:
        files = [line.rstrip("\n") for line in f if line.strip()]
    workers = max(1, int(sys.argv[2]))
    chunks = [files[i::workers] for i in range(workers)]
    start = time.perf_counter()
    if workers == 1:
        results = [read(chunks[0])]
    else:
        with Pool(workers) as pool:
            results = pool.map(read, chunks)
    seconds = time.perf_counter() - start
    print(json.dumps({"files": sum(r[0] for r in results), "failed": sum(r[1] for r in results),
                      "seconds": seconds, "workers": workers}))


if __name__ == "__main__":
    main()
