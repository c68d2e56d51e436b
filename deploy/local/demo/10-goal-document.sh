#!/usr/bin/env bash
# Demo data 1: the goal documents (绩效目标表 of 2021, Word tables exported to text) into goals-service:
#   goal-document-2021.txt                 the seed, agency 213001 (中共秦皇岛市山海关区委统战部本级), as planner-213001
#   goal-document-2021-213002-demo.txt     invented demo data, agency 213002 (秦皇岛市山海关区教育局本级), as planner-213002
# A planner imports only documents of their own agency (agency_codes), hence one planner per document; the tokens
# come from the local Keycloak (deploy/local/lib/tokens.sh). Run by deploy/local/up (unless --empty) with GOALS_URL
# set. Idempotent: importing the same document again is answered 200 with the same report.
# Exit codes (the contract of every deploy/local/demo/*.sh): 0 loaded, 3 not available in this build, other failed.
set -euo pipefail

DEMO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GOALS_URL="${GOALS_URL:-http://localhost:8081}"

command -v curl >/dev/null 2>&1 || { echo "curl is not installed: cannot post the goal documents"; exit 1; }
. "$DEMO_DIR/../lib/tokens.sh"
body="$(mktemp)"
trap 'rm -f "$body"' EXIT

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

import_document() { # planner file -> 0 imported or already there, 3 not in this build, 1 failed
  local planner="$1" doc="$DEMO_DIR/$2" token code
  if ! token="$(user_token "$planner")"; then
    echo "no token for $planner: a realm imported before $planner was added lacks the user (deploy/local/down, then deploy/local/up --clean)"
    return 1
  fi
  code="$(curl -sS -m 120 -o "$body" -w '%{http_code}' -X POST \
    -H "Authorization: Bearer $token" \
    -H 'Content-Type: text/plain; charset=utf-8' -H 'Accept: application/json' -H 'Accept-Language: zh-CN' \
    --data-binary @"$doc" "$GOALS_URL/api/goal-documents" || true)"
  case "$code" in
    201) echo "$2 imported:"; summarize | sed 's/^/  /'; return 0 ;;
    200) echo "$2 already imported (same report):"; summarize | sed 's/^/  /'; return 0 ;;
    404|405) echo "POST $GOALS_URL/api/goal-documents answered $code: the import is not in this build yet"; return 3 ;;
    000) echo "goals-service did not answer at $GOALS_URL"; return 1 ;;
    *) echo "POST $GOALS_URL/api/goal-documents ($2) answered $code:"; head -c 2000 "$body"; echo; return 1 ;;
  esac
}

rc=0
import_document planner-213001 goal-document-2021.txt || rc=$?
[ "$rc" = 3 ] && exit 3
import_document planner-213002 goal-document-2021-213002-demo.txt || { r=$?; [ "$rc" = 0 ] && rc=$r; }
exit "$rc"
