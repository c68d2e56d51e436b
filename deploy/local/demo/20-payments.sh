#!/usr/bin/env bash
# Demo data 2: treasury payments of 2021 for the seed's seven projects (on plan, lagging, refunded, overspent)
# and a few indicator actuals, posted to execution-service: the payments by the treasury client, the actuals by
# planner-213001 (tokens from the local Keycloak, deploy/local/lib/tokens.sh). Idempotent: the same payment ids
# again are no-ops.
# Exit codes (the contract of every deploy/local/demo/*.sh): 0 loaded, 3 not available in this build, other failed.
set -euo pipefail

DEMO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EXECUTION_URL="${EXECUTION_URL:-http://localhost:8082}"
command -v curl >/dev/null 2>&1 || { echo "curl is not installed"; exit 1; }
. "$DEMO_DIR/../lib/tokens.sh"
treasury="$(treasury_token)" || exit 1
planner="$(user_token planner-213001)" || exit 1
body="$(mktemp)"
trap 'rm -f "$body"' EXIT

post() { # token url file -> http status, response in $body
  local token="$1"; shift
  curl -sS -m 60 -o "$body" -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json; charset=utf-8' \
    -H 'Accept-Language: zh-CN' --data-binary @"$2" "$1" || echo 000
}

# execution-service learns the projects from goals.projects; give it a moment after the goal document import.
for attempt in $(seq 1 30); do
  status="$(curl -sS -m 5 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $planner" "$EXECUTION_URL/api/projects/130303210B2L85R7NSB45/ledger" || echo 000)"
  [ "$status" = 200 ] && break
  [ "$status" = 404 ] && [ "$attempt" -lt 30 ] && { sleep 1; continue; }
  break
done

code="$(post "$treasury" "$EXECUTION_URL/api/payments" "$DEMO_DIR/payments-2021.json")"
case "$code" in
  202|207) echo "payments: HTTP $code, $(grep -o '"status":"[A-Z_]*"' "$body" | sort | uniq -c | tr -s ' ' | tr '\n' ';')" ;;
  404|405) echo "payments: POST /api/payments is not in this build (HTTP $code)"; exit 3 ;;
  *) echo "payments: HTTP $code"; head -c 600 "$body"; echo; exit 1 ;;
esac

reports=0
tmp="$(mktemp)"
trap 'rm -f "$body" "$tmp"' EXIT
count="$(grep -c '"reportId"' "$DEMO_DIR/indicator-reports-2021.json")"
for i in $(seq 1 "$count"); do
  sed -n "$((i + 1))p" "$DEMO_DIR/indicator-reports-2021.json" | sed 's/},\?[[:space:]]*$/}/' > "$tmp"
  code="$(post "$planner" "$EXECUTION_URL/api/indicator-reports" "$tmp")"
  case "$code" in
    200|201|202) reports=$((reports + 1)) ;;
    *) echo "indicator report $i: HTTP $code"; head -c 400 "$body"; echo ;;
  esac
done
echo "indicator reports: $reports of $count accepted"
