# Shared by the demo scripts (deploy/local/demo/*.sh; sourced). Bash 3.2 compatible.
#   BUDGETWATCH_DEMO_DATE   the business date the stack runs with (deploy/local/up exports it, empty when the demo
#                           date is off); run by hand, the one up wrote to deploy/local/run/demo-date is used

# The stack's business date (yyyy-mm-dd), or nothing when the services run on the real date.
demo_date() {
  local date
  if [ "${BUDGETWATCH_DEMO_DATE+set}" = set ]; then
    date="$BUDGETWATCH_DEMO_DATE"
  else
    date="$(cat "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/run/demo-date" 2>/dev/null || true)"
  fi
  case "$date" in
    [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) printf '%s' "$date" ;;
  esac
}

# The records of a demo file (a JSON array, one record per line) whose date FIELD is on or before DATE, as a JSON
# array; every record when DATE is empty. Records dated after the business date would be in the future of the
# services (execution-service refuses an indicator report dated after today).
records_until() { # file field date
  awk -v key="\"$2\":\"" -v last="$3" '
    /^[[:space:]]*\{/ {
      line = $0
      sub(/^[[:space:]]*/, "", line)
      sub(/,[[:space:]]*$/, "", line)
      i = index(line, key)
      if (last != "" && i > 0 && substr(line, i + length(key), 10) > last) next
      kept[n++] = line
    }
    END {
      print "["
      for (k = 0; k < n; k++) print "  " kept[k] (k < n - 1 ? "," : "")
      print "]"
    }' "$1"
}

# How many records a JSON array written by records_until holds.
record_count() { grep -c '^  {' "$1" || true; }
