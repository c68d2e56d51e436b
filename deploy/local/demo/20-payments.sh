#!/usr/bin/env bash
# Demo data 2: treasury payments of January to July 2021 and indicator actuals, posted to execution-service:
#   payments-2021.json, indicator-reports-2021.json                  agency 213001, the seed's seven projects (on plan,
#                                                                    lagging, seriously lagging, overspent; a refund,
#                                                                    a correction to another project)
#   payments-2021-213002.json, indicator-reports-2021-213002.json    agency 213002 (invented demo data, see
#                                                                    goal-document-2021-213002-demo.txt)
# The payments by the treasury client, each agency's actuals by its planner (tokens from the local Keycloak,
# deploy/local/lib/tokens.sh). Only records dated on or before the stack's business date are posted
# (BUDGETWATCH_DEMO_DATE, deploy/local/lib/demo.sh): a payment or report after "today" would be in the services'
# future. The files hold one record per line. Idempotent: the same payment and report ids again are no-ops.
# Exit codes (the contract of every deploy/local/demo/*.sh): 0 loaded, 3 not available in this build, other failed.
set -euo pipefail

DEMO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EXECUTION_URL="${EXECUTION_URL:-http://localhost:8082}"
command -v curl >/dev/null 2>&1 || { echo "curl is not installed"; exit 1; }
. "$DEMO_DIR/../lib/tokens.sh"
. "$DEMO_DIR/../lib/demo.sh"
treasury="$(treasury_token)" || exit 1
planner1="$(user_token planner-213001)" || exit 1
planner2="$(user_token planner-213002)" || {
  echo "no token for planner-213002: a realm imported before it was added lacks the user (deploy/local/down, then deploy/local/up --clean)"
  exit 1
}
until_date="$(demo_date)"
body="$(mktemp)"
batch="$(mktemp)"
one="$(mktemp)"
trap 'rm -f "$body" "$batch" "$one"' EXIT
[ -n "$until_date" ] && echo "business date $until_date: records dated after it are not posted"

post() { # token url file -> http status, response in $body
  local token="$1"; shift
  curl -sS -m 60 -o "$body" -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json; charset=utf-8' \
    -H 'Accept-Language: zh-CN' --data-binary @"$2" "$1" || echo 000
}

# execution-service learns the projects from goals.projects; give it a moment after the goal document import.
await_project() { # token project
  local attempt status
  for attempt in $(seq 1 30); do
    status="$(curl -sS -m 5 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $1" "$EXECUTION_URL/api/projects/$2/ledger" || echo 000)"
    [ "$status" = 200 ] && return 0
    [ "$status" = 404 ] && [ "$attempt" -lt 30 ] && { sleep 1; continue; }
    return 0
  done
}
await_project "$planner1" 130303210B2L85R7NSB45
await_project "$planner2" 13030321R2HN7YA5KD3EM

failed=0
post_payments() { # file
  local code
  records_until "$DEMO_DIR/$1" paidOn "$until_date" >"$batch"
  code="$(post "$treasury" "$EXECUTION_URL/api/payments" "$batch")"
  case "$code" in
    202|207) echo "payments $1: HTTP $code, $(record_count "$batch") record(s): $(grep -o '"status":"[A-Z_]*"' "$body" | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
             [ "$code" = 202 ] || { failed=1; head -c 1500 "$body"; echo; } ;;
    404|405) echo "payments: POST /api/payments is not in this build (HTTP $code)"; exit 3 ;;
    *) echo "payments $1: HTTP $code"; head -c 600 "$body"; echo; failed=1 ;;
  esac
}
post_payments payments-2021.json
post_payments payments-2021-213002.json

post_reports() { # token file
  local reports=0 count code line
  records_until "$DEMO_DIR/$2" reportedOn "$until_date" >"$batch"
  count="$(record_count "$batch")"
  while IFS= read -r line; do
    case "$line" in '  {'*) ;; *) continue ;; esac
    printf '%s\n' "$line" | sed -e 's/^ *//' -e 's/,$//' >"$one"
    code="$(post "$1" "$EXECUTION_URL/api/indicator-reports" "$one")"
    case "$code" in
      200|201|202) reports=$((reports + 1)) ;;
      *) echo "indicator report of $2: HTTP $code"; head -c 400 "$body"; echo; failed=1 ;;
    esac
  done <"$batch"
  echo "indicator reports $2: $reports of $count accepted"
}
post_reports "$planner1" indicator-reports-2021.json
post_reports "$planner2" indicator-reports-2021-213002.json
exit "$failed"
