# Access tokens for the demo scripts, from the local stack's Keycloak (sourced; needs curl).
#   BUDGETWATCH_TOKEN_URL        the realm's token endpoint (up sets it; default the local realm)
#   BUDGETWATCH_DEMO_PASSWORD    the demo users' password (up passes it; else read from the stack's secrets file)
#   BUDGETWATCH_TREASURY_SECRET  the treasury client's secret (likewise)
# user_token NAME prints a user's access token (password grant of the public client budgetwatch-cli),
# treasury_token the treasury client's (client credentials); each fails with Keycloak's answer on stderr.

BUDGETWATCH_TOKEN_URL="${BUDGETWATCH_TOKEN_URL:-http://localhost:${BUDGETWATCH_KEYCLOAK_PORT:-8180}/realms/budgetwatch/protocol/openid-connect/token}"

_tokens_secret() { # name: a value of deploy/local/data/keycloak/secrets.env
  local file
  file="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/data/keycloak/secrets.env"
  [ -r "$file" ] || return 0
  ( . "$file" 2>/dev/null && eval "printf '%s' \"\${$1:-}\"" )
}

_tokens_access_token() { # curl arguments...: the access_token of the answer
  local answer
  answer="$(curl -sS -m 30 "$@" "$BUDGETWATCH_TOKEN_URL")" || { echo "no answer from $BUDGETWATCH_TOKEN_URL" >&2; return 1; }
  case "$answer" in
    *'"access_token":"'*) printf '%s' "$answer" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' ;;
    *) echo "no token from $BUDGETWATCH_TOKEN_URL: ${answer:0:300}" >&2; return 1 ;;
  esac
}

user_token() {
  local password="${BUDGETWATCH_DEMO_PASSWORD:-$(_tokens_secret demo_password)}"
  _tokens_access_token -d grant_type=password -d client_id=budgetwatch-cli --data-urlencode "username=$1" \
    --data-urlencode "password=$password"
}

treasury_token() {
  local secret="${BUDGETWATCH_TREASURY_SECRET:-$(_tokens_secret treasury_secret)}"
  _tokens_access_token -u "treasury:$secret" -d grant_type=client_credentials
}
