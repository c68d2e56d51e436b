#!/usr/bin/env bash
# Demo data 1: the seed goal document (绩效目标表 of 2021, a Word table exported to text) into goals-service.
# Run by deploy/local/up (unless --empty) with GOALS_URL set, as planner-213001 (a token from the local
# Keycloak, deploy/local/lib/tokens.sh). Idempotent: importing the same document again is answered 200 with
# the same report.
# Exit codes (the contract of every deploy/local/demo/*.sh): 0 loaded, 3 not available in this build, other failed.
set -euo pipefail

DEMO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GOALS_URL="${GOALS_URL:-http://localhost:8081}"
doc="$DEMO_DIR/goal-document-2021.txt"

command -v curl >/dev/null 2>&1 || { echo "curl is not installed: cannot post $doc"; exit 1; }
. "$DEMO_DIR/../lib/tokens.sh"
token="$(user_token planner-213001)" || exit 1
body="$(mktemp)"
trap 'rm -f "$body"' EXIT

code="$(curl -sS -m 120 -o "$body" -w '%{http_code}' -X POST \
  -H "Authorization: Bearer $token" \
  -H 'Content-Type: text/plain; charset=utf-8' -H 'Accept: application/json' -H 'Accept-Language: zh-CN' \
  --data-binary @"$doc" "$GOALS_URL/api/goal-documents" || true)"

summarize() {
  if command -v jq >/dev/null 2>&1 && jq -e . "$body" >/dev/null 2>&1; then
    jq -r 'to_entries[] | "\(.key): " + (
             if (.value | type) == "array" then
               (if (.value | length) <= 10 and all(.value[]; type != "object")
                then (.value | map(tostring) | join(", ")) + " (\(.value | length))"
                else "\(.value | length) item(s)" end)
             elif (.value | type) == "object" then (.value | tostring | .[0:120])
             else (.value | tostring) end)' "$body"
  elif command -v python3 >/dev/null 2>&1 && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$body" 2>/dev/null; then
    python3 - "$body" <<'PY'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
for key, value in (report.items() if isinstance(report, dict) else [("report", report)]):
    if isinstance(value, list):
        simple = len(value) <= 10 and not any(isinstance(v, dict) for v in value)
        shown = (", ".join(map(str, value)) + f" ({len(value)})") if simple else f"{len(value)} item(s)"
    elif isinstance(value, dict):
        shown = json.dumps(value, ensure_ascii=False)[:120]
    else:
        shown = value
    print(f"{key}: {shown}")
PY
  else
    cat "$body"; echo
  fi
}

case "$code" in
  201) echo "goal document imported:"; summarize; exit 0 ;;
  200) echo "goal document already imported (same report):"; summarize; exit 0 ;;
  404|405) echo "POST $GOALS_URL/api/goal-documents answered $code: the import is not in this build yet"; exit 3 ;;
  000) echo "goals-service did not answer at $GOALS_URL"; exit 1 ;;
  *) echo "POST $GOALS_URL/api/goal-documents answered $code:"; head -c 2000 "$body"; echo; exit 1 ;;
esac
