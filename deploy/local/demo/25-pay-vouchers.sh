#!/usr/bin/env bash
# Demo data 2b: treasury payment vouchers of the integrated budget system (预算管理一体化), posted to execution-service
# (POST /api/pay-vouchers) by the treasury client: pay-vouchers-2021-213002.json, one voucher state per line, on
# 213002's 中小学教师培训经费 (13030321R2HN7YA5KD3EM):
#   DEMO-PV-213002-2021-0001  pending 19 July, paid 3 000.00 on 21 July, re-sent with 2 800.00 actually paid on
#                             22 July, cancelled (IS_DELETED = 1) on 27 July: the ledger shows +3 000.00, -200.00,
#                             -2 800.00 and the project's executed amount is as without it
#   DEMO-PV-213002-2021-0002  pending since 29 July (lower-case element names): shown, not counted
# GET /api/pay-vouchers/DEMO-PV-213002-2021-0001 shows every state and the entries each made. Only states with an
# UPDATE_TIME on or before the business date are posted (an earlier --demo-date leaves the voucher counted).
# Idempotent: the same states again are DUPLICATE. Exit codes as every deploy/local/demo/*.sh: 0 loaded, 3 not in
# this build, other failed.
set -euo pipefail

DEMO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EXECUTION_URL="${EXECUTION_URL:-http://localhost:8082}"
command -v curl >/dev/null 2>&1 || { echo "curl is not installed"; exit 1; }
. "$DEMO_DIR/../lib/tokens.sh"
. "$DEMO_DIR/../lib/demo.sh"
treasury="$(treasury_token)" || exit 1
until_date="$(demo_date)"
body="$(mktemp)"
upper="$(mktemp)"
batch="$(mktemp)"
trap 'rm -f "$body" "$upper" "$batch"' EXIT

records_until "$DEMO_DIR/pay-vouchers-2021-213002.json" UPDATE_TIME "$until_date" >"$upper"
records_until "$upper" update_time "$until_date" >"$batch"
[ "$(record_count "$batch")" -gt 0 ] || { echo "pay vouchers: none dated on or before $until_date"; exit 0; }
code="$(curl -sS -m 60 -o "$body" -w '%{http_code}' -X POST -H "Authorization: Bearer $treasury" \
  -H 'Content-Type: application/json; charset=utf-8' -H 'Accept-Language: zh-CN' --data-binary @"$batch" \
  "$EXECUTION_URL/api/pay-vouchers" || echo 000)"
case "$code" in
  202) echo "pay vouchers: HTTP 202, $(record_count "$batch") state(s): $(grep -o '"status":"[A-Z_]*"' "$body" | sort | uniq -c | tr -s ' ' | tr '\n' ';')" ;;
  404|405) echo "pay vouchers: POST /api/pay-vouchers is not in this build (HTTP $code)"; exit 3 ;;
  *) echo "pay vouchers: HTTP $code"; head -c 1500 "$body"; echo; exit 1 ;;
esac
