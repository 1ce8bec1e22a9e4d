#!/usr/bin/env bash
# Times each console page of a running server (issue 17): signs in with the admin token, then fetches every page once
# and prints "seconds  http-status  path". Page timings, not a benchmark: run it twice for cold and warm figures.
#   scripts/console-timings.sh [BASE_URL] [TOKEN_FILE]     (defaults: http://127.0.0.1:8080, data/secrets/admin.token)
set -euo pipefail
BASE="${1:-http://127.0.0.1:8080}"
TOKEN_FILE="${2:-data/secrets/admin.token}"
JAR="$(mktemp)"
trap 'rm -f "$JAR"' EXIT
curl -sf -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "token=$(cat "$TOKEN_FILE")" "$BASE/signin"
STUDY="${STUDY:-scale.4242}"
for path in / /mappings "/mappings?page=1" "/mappings?field=body_part_examined" /quarantine "/quarantine?page=3" \
            "/quarantine?q=scale" /population /population/modality-month.csv /not-projected "/study?q=$STUDY" /study /cohorts; do
  curl -s -b "$JAR" -o /dev/null -w "%{time_total}  %{http_code}  $path\n" "$BASE$path"
done
