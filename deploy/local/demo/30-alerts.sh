#!/usr/bin/env bash
# Demo data 3: the deviation alerts of the business date. reporting-service's scheduler evaluates a checkpoint once
# its day is over (so not a 7月底 checkpoint on 31 July), and only once: run before the payments reached the read
# model, it would raise lag alerts the data does not call for. So once reporting-service shows what
# execution-service holds (the executed totals of every demo project, and an actual for every demo indicator
# report), this script asks for an evaluation at the business date as admin: POST /api/alerts/evaluate?asOf=
# (every checkpoint up to that date and the immediate rules; alerts already raised are not raised again). up starts
# reporting-service with a long first-run delay of its scheduler when it loads the demo data, so the scheduler comes
# after this script. Reads as supervisor (every agency), tokens from deploy/local/lib/tokens.sh.
# Exit codes (the contract of every deploy/local/demo/*.sh): 0 loaded, 3 not available in this build, other failed.
set -euo pipefail

DEMO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EXECUTION_URL="${EXECUTION_URL:-http://localhost:8082}"
REPORTING_URL="${REPORTING_URL:-http://localhost:8080}"
WAIT_SECONDS="${BUDGETWATCH_DEMO_WAIT:-120}"
command -v curl >/dev/null 2>&1 || { echo "curl is not installed"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "jq is not installed: cannot tell when the read model has the demo data (evaluate later: POST $REPORTING_URL/api/alerts/evaluate as admin)"; exit 1; }
. "$DEMO_DIR/../lib/tokens.sh"
. "$DEMO_DIR/../lib/demo.sh"
reader="$(user_token supervisor)" || exit 1
admin="$(user_token admin)" || exit 1
until_date="$(demo_date)"
body="$(mktemp)"
trap 'rm -f "$body"' EXIT

get() { # token url -> body on stdout, nothing when the answer is not 200
  local code
  code="$(curl -sS -m 30 -o "$body" -w '%{http_code}' -H "Authorization: Bearer $1" -H 'Accept: application/json' "$2" || echo 000)"
  [ "$code" = 200 ] && cat "$body"
  return 0
}

# What has to be in the read model: the projects of the payments and the (project, indicator) of the reports.
projects="$(for f in payments-2021.json payments-2021-213002.json; do
  records_until "$DEMO_DIR/$f" paidOn "$until_date" | jq -r '.[].projectCode'; done | sort -u)"
reported="$(for f in indicator-reports-2021.json indicator-reports-2021-213002.json; do
  records_until "$DEMO_DIR/$f" reportedOn "$until_date" | jq -r '.[] | "\(.projectCode) \(.indicatorSeq)"'; done | sort -u)"

behind() { # prints what the read model lacks yet; nothing when it is complete
  local code ledger shown seq
  for code in $projects; do
    ledger="$(get "$reader" "$EXECUTION_URL/api/projects/$code/ledger?limit=0" | jq -r '.executed.total // empty')"
    shown="$(get "$reader" "$REPORTING_URL/api/projects/$code/progress?asOf=2021-12-31" | jq -r '.executed.total // empty')"
    if [ -z "$ledger" ] || [ "$ledger" != "$shown" ]; then
      echo "project $code: ledger ${ledger:-?}, reporting ${shown:-?}"
    fi
  done
  while read -r code seq; do
    [ -n "$code" ] || continue
    if ! get "$reader" "$REPORTING_URL/api/projects/$code/indicators?asOf=2021-12-31" \
        | jq -e --argjson seq "$seq" '.[] | select(.seq == $seq and .actual != null and .actual.source == "REPORTED")' >/dev/null; then
      echo "indicator $seq of $code: no actual yet"
    fi
  done <<<"$reported"
}

deadline=$((SECONDS + WAIT_SECONDS))
while :; do
  missing="$(behind)"
  [ -z "$missing" ] && break
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "reporting-service did not show the demo data within ${WAIT_SECONDS}s; no evaluation (the scheduler does it later):"
    printf '%s\n' "$missing" | head -n 10 | sed 's/^/  /'
    exit 1
  fi
  sleep 1
done
echo "read model up to date: $(printf '%s\n' $projects | wc -l | tr -d ' ') project(s), $(printf '%s\n' "$reported" | grep -c . || true) indicator actual(s)"

url="$REPORTING_URL/api/alerts/evaluate"
[ -n "$until_date" ] && url="$url?asOf=$until_date"
code="$(curl -sS -m 120 -o "$body" -w '%{http_code}' -X POST -H "Authorization: Bearer $admin" "$url" || echo 000)"
case "$code" in
  200) echo "alerts evaluated at $(jq -r '.asOf' "$body"): $(jq -r '"\(.checkpointsEvaluated) checkpoint(s) of \(.projectsEvaluated) project(s), \(.alertsRaised) new alert(s)"' "$body")" ;;
  404|405) echo "POST /api/alerts/evaluate is not in this build (HTTP $code)"; exit 3 ;;
  *) echo "POST $url: HTTP $code"; head -c 600 "$body"; echo; exit 1 ;;
esac
for agency in 213001 213002; do
  get "$reader" "$REPORTING_URL/api/alerts?agency=$agency&year=2021" \
    | jq -r --arg a "$agency" '"agency \($a): \(length) alert(s), " + ([group_by(.severity)[] | "\(length) \(.[0].severity)"] | join(", "))'
done
