# Shared by deploy/local/up and deploy/local/down (sourced, not run). Bash 3.2 compatible: no associative arrays.

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$LOCAL_DIR/../.." && pwd)"
DATA_DIR="$LOCAL_DIR/data"
RUN_DIR="$LOCAL_DIR/run"
LOG_DIR="$RUN_DIR/logs"

# Infrastructure first, services after; stopped in the reverse order.
COMPONENTS="stack keycloak goals execution reporting"
SERVICES="goals execution reporting"
ALL_SERVICES="$SERVICES"
# Instances of a service (up --replicas N, 1..9): instance 0 is named like the service (goals: goals.pid, goals.log,
# its base port); instance k >= 1 is goals-k (goals-k.pid, goals-k.log, base port + 10*k). Same databases, same
# Kafka consumer groups (the partitions are shared between the instances).
MAX_REPLICAS=9
REPLICAS=1

export BUDGETWATCH_DB_HOST="${BUDGETWATCH_DB_HOST:-localhost}"
export BUDGETWATCH_DB_PORT="${BUDGETWATCH_DB_PORT:-15432}"
export BUDGETWATCH_DB_USER="${BUDGETWATCH_DB_USER:-budgetwatch}"
export BUDGETWATCH_DB_PASSWORD="${BUDGETWATCH_DB_PASSWORD:-budgetwatch}"
export BUDGETWATCH_KAFKA_PORT="${BUDGETWATCH_KAFKA_PORT:-9092}"
export BUDGETWATCH_KAFKA="${BUDGETWATCH_KAFKA:-localhost:$BUDGETWATCH_KAFKA_PORT}"
export BUDGETWATCH_REPORTING_PORT="${BUDGETWATCH_REPORTING_PORT:-8080}"
export BUDGETWATCH_GOALS_PORT="${BUDGETWATCH_GOALS_PORT:-8081}"
export BUDGETWATCH_EXECUTION_PORT="${BUDGETWATCH_EXECUTION_PORT:-8082}"
# reporting-service reads the project ledger from execution-service (with the caller's token)
export BUDGETWATCH_EXECUTION_URL="${BUDGETWATCH_EXECUTION_URL:-http://localhost:$BUDGETWATCH_EXECUTION_PORT}"
export BUDGETWATCH_KEYCLOAK_PORT="${BUDGETWATCH_KEYCLOAK_PORT:-8180}"
export BUDGETWATCH_KEYCLOAK_MANAGEMENT_PORT="${BUDGETWATCH_KEYCLOAK_MANAGEMENT_PORT:-9180}"
export BUDGETWATCH_STACK_DATA="$DATA_DIR"
export BUDGETWATCH_LOG_DIR="$LOG_DIR"
export BUDGETWATCH_JSON_LOG="${BUDGETWATCH_JSON_LOG:-true}"

# Keycloak: the server distribution of the version in the root pom (org.keycloak:keycloak-quarkus-dist, copied by the
# build to deploy/local/stack/target/keycloak), unpacked and built once under keycloak-dist/ (kept by --clean: a build
# cache, not data); its state (passwords, realm import) in keycloak/; its data in the PostgreSQL database keycloak.
KC_VERSION="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)"
KC_DIST_DIR="$DATA_DIR/keycloak-dist"
KC_HOME="$KC_DIST_DIR/keycloak-$KC_VERSION"
KC_ZIP="$LOCAL_DIR/stack/target/keycloak/keycloak-quarkus-dist-$KC_VERSION.zip"
KC_STATE="$DATA_DIR/keycloak"
KC_SECRETS="$KC_STATE/secrets.env"
KC_REALM_FILE="$ROOT/deploy/keycloak/budgetwatch-realm.json"
KC_REALM="budgetwatch"
KC_URL="http://localhost:$BUDGETWATCH_KEYCLOAK_PORT"
KC_ISSUER="$KC_URL/realms/$KC_REALM"

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="java"
fi

# Never fail on a closed terminal or pipe: stopping must go on when nobody reads the output any more.
say()  { printf '%s\n' "$*" 2>/dev/null || true; }
warn() { printf 'WARNING: %s\n' "$*" >&2 2>/dev/null || true; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# The file that identifies a component's process: its command line contains this absolute path.
# Keycloak: its launcher (kc.sh) and its JVM both name a path inside keycloak-dist/.
# The service of an instance name: goals-2 -> goals (other names unchanged).
base_of() { case "$1" in *-[0-9]) printf '%s' "${1%-[0-9]}" ;; *) printf '%s' "$1" ;; esac; }
# The instance number of a name: goals-2 -> 2, goals -> 0.
instance_of() { case "$1" in *-[0-9]) printf '%s' "${1##*-}" ;; *) printf '0' ;; esac; }
# The names of a service's instances 0..N-1: instances_of goals 3 -> "goals goals-1 goals-2".
instances_of() {
  local k=1 names="$1"
  while [ "$k" -lt "$2" ]; do names="$names $1-$k"; k=$(( k + 1 )); done
  printf '%s' "$names"
}

artifact_of() {
  case "$(base_of "$1")" in
    stack)     printf '%s' "$LOCAL_DIR/stack/target/local-stack.jar" ;;
    keycloak)  printf '%s' "$KC_DIST_DIR/" ;;
    goals)     printf '%s' "$ROOT/goals-service/target/quarkus-app/quarkus-run.jar" ;;
    execution) printf '%s' "$ROOT/execution-service/target/quarkus-app/quarkus-run.jar" ;;
    reporting) printf '%s' "$ROOT/reporting-service/target/quarkus-app/quarkus-run.jar" ;;
  esac
}

module_of() {
  case "$(base_of "$1")" in
    stack)     printf '%s' "deploy/local/stack" ;;
    keycloak)  printf '%s' "deploy/local/stack" ;;
    *)         printf '%s' "$(base_of "$1")-service" ;;
  esac
}

# HTTP port of a service instance: the service's base port + 10 * instance.
port_of() {
  local base
  case "$(base_of "$1")" in
    goals)     base="$BUDGETWATCH_GOALS_PORT" ;;
    execution) base="$BUDGETWATCH_EXECUTION_PORT" ;;
    reporting) base="$BUDGETWATCH_REPORTING_PORT" ;;
  esac
  printf '%s' "$(( base + 10 * $(instance_of "$1") ))"
}

pid_file_of() { printf '%s' "$RUN_DIR/$1.pid"; }
log_of()      { printf '%s' "$LOG_DIR/$1.log"; }

# Command line of a live process, empty when it is gone.
args_of() { ps -o args= -p "$1" 2>/dev/null || true; }

# Pids of live processes whose command line contains the fixed string $1 (never this script's own).
pids_matching() {
  ps -eo pid=,args= 2>/dev/null | awk -v needle="$1" -v self="$$" \
    'index($0, needle) > 0 && $1 != self && $0 !~ /awk -v needle/ { print $1 }'
}

# Pid of the component when its pid file names a live process of it (guards against reused pids).
component_pid() {
  local f pid
  f="$(pid_file_of "$1")"
  [ -f "$f" ] || return 1
  pid="$(cat "$f" 2>/dev/null || true)"
  case "$pid" in ''|*[!0-9]*) return 1 ;; esac
  kill -0 "$pid" 2>/dev/null || return 1
  case "$(args_of "$pid")" in
    *"$(artifact_of "$1")"*) printf '%s' "$pid"; return 0 ;;
  esac
  return 1
}

# Pid files of every component and of every instance a run with up to MAX_REPLICAS replicas may have left.
remove_pid_files() {
  local c k
  for c in $COMPONENTS; do rm -f "$(pid_file_of "$c")"; done
  for c in $ALL_SERVICES; do
    k=1
    while [ "$k" -lt "$MAX_REPLICAS" ]; do rm -f "$(pid_file_of "$c-$k")"; k=$(( k + 1 )); done
  done
}

# The number of instances the running services have (the highest live instance + 1; 0 when none runs).
running_replicas() {
  local c k=$(( MAX_REPLICAS - 1 ))
  while [ "$k" -gt 0 ]; do
    for c in $ALL_SERVICES; do
      if component_pid "$c-$k" >/dev/null; then printf '%s' "$(( k + 1 ))"; return 0; fi
    done
    k=$(( k - 1 ))
  done
  for c in $ALL_SERVICES; do
    if component_pid "$c" >/dev/null; then printf '1'; return 0; fi
  done
  printf '0'
}

# Every live process of the suite started from this checkout: by pid file or by its command line
# (the component jars, the PostgreSQL server on our data folder). One "pid name" per line.
suite_processes() {
  local c pid
  for c in $COMPONENTS; do
    case "$c" in *-[0-9]) continue ;; esac   # an instance's jar is its service's: listed once
    for pid in $(pids_matching "$(artifact_of "$c")"); do
      case " $ALL_SERVICES " in
        *" $c "*) printf '%s %s\n' "$pid" "$(instance_by_pid "$c" "$pid")" ;;
        *) printf '%s %s\n' "$pid" "$c" ;;
      esac
    done
  done
  for pid in $(pids_matching "$DATA_DIR/postgres"); do
    printf '%s %s\n' "$pid" "postgres"
  done
}

wait_gone() { # pid seconds -> 0 when the process ended in time
  local pid="$1" deadline=$(( SECONDS + $2 ))
  while kill -0 "$pid" 2>/dev/null; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.2
  done
  return 0
}

# SIGTERM, bounded wait, then SIGKILL. $3: signal to send first (TERM by default).
stop_pid() {
  local pid="$1" name="$2" grace="$3" sig="${4:-TERM}"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -"$sig" "$pid" 2>/dev/null || true
  if ! wait_gone "$pid" "$grace"; then
    warn "$name (pid $pid) did not stop within ${grace}s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 10 || warn "$name (pid $pid) is still there after SIGKILL"
  fi
}

# A PostgreSQL server left on our data folder by a stack JVM that was killed: fast shutdown (SIGINT).
stop_orphan_postgres() {
  local pid
  for pid in $(pids_matching "$DATA_DIR/postgres"); do
    say "stopping PostgreSQL left running on $DATA_DIR/postgres (pid $pid)"
    stop_pid "$pid" postgres 30 INT
  done
}

# Keycloak's processes (its launcher, and a JVM the launcher may leave behind when it was killed): before PostgreSQL.
stop_keycloak_processes() {
  local pid names=""
  for pid in $(pids_matching "$(artifact_of keycloak)"); do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $(pids_matching "$(artifact_of keycloak)"); do
    stop_pid "$pid" keycloak 30
    names="$names keycloak:$pid"
  done
  [ -z "$names" ] || say "stopped Keycloak:$names"
}

# The instance name whose pid file holds the pid (goals-1), else the service's name.
instance_by_pid() {
  local k=1
  while [ "$k" -lt "$MAX_REPLICAS" ]; do
    if [ "$(cat "$(pid_file_of "$1-$k")" 2>/dev/null || true)" = "$2" ]; then printf '%s' "$1-$k"; return 0; fi
    k=$(( k + 1 ))
  done
  printf '%s' "$1"
}

# Stops every component, services first (together), then Keycloak, then PostgreSQL and Kafka. Quiet when nothing runs.
stop_suite() {
  local c pid pids="" names=""
  for c in $SERVICES; do
    for pid in $(component_pid "$c" || true) $(pids_matching "$(artifact_of "$c")"); do
      case " $pids " in *" $pid "*) continue ;; esac
      kill -TERM "$pid" 2>/dev/null || true
      pids="$pids $pid"; names="$names $(instance_by_pid "$c" "$pid"):$pid"
    done
  done
  for pid in $pids; do
    stop_pid "$pid" "service" 30
  done
  [ -n "$names" ] && say "stopped services:$names"
  stop_keycloak_processes
  names=""
  for pid in $(pids_matching "$(artifact_of stack)"); do
    stop_pid "$pid" "stack" 60
    names="$names stack:$pid"
  done
  [ -n "$names" ] && say "stopped infrastructure:$names"
  stop_orphan_postgres
  remove_pid_files
  return 0
}

# "8081 pid=123 python3" when something listens on the port, nothing (status 1) when it is free.
port_user() {
  local port="$1" line
  if command -v ss >/dev/null 2>&1; then
    line="$(ss -Hltnp "sport = :$port" 2>/dev/null | head -n 1 || true)"
    [ -n "$line" ] || return 1
    local proc pid
    proc="$(printf '%s' "$line" | sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/\1 (pid \2)/p')"
    if [ -z "$proc" ] && command -v lsof >/dev/null 2>&1; then
      proc="$(lsof -nP -iTCP:"$port" -sTCP:LISTEN -Fpc 2>/dev/null | awk '/^p/{p=substr($0,2)} /^c/{print substr($0,2) " (pid " p ")"; exit}')"
    fi
    printf '%s' "${proc:-an unknown process}"
    return 0
  fi
  # No ss: a connection attempt tells whether something listens.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    printf '%s' "a process this script cannot name"
    return 0
  fi
  return 1
}

# "yes" when the component is one this run starts.
has_component() { case " $COMPONENTS " in *" $1 "*) return 0 ;; esac; return 1; }

# HTTP status code of a GET ("000" when nothing answers).
http_status() {
  local url="$1"
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 3 -w '%{http_code}' "$url" 2>/dev/null || printf '000'
    return 0
  fi
  # Plain bash fallback: http://host:port/path only.
  local hostport path host port line
  hostport="${url#http://}"; path="/${hostport#*/}"; hostport="${hostport%%/*}"
  host="${hostport%%:*}"; port="${hostport##*:}"
  if exec 4<>"/dev/tcp/$host/$port" 2>/dev/null; then
    printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" >&4
    IFS= read -r -t 3 line <&4 || line=""
    exec 4>&- 4<&-
    printf '%s' "$(printf '%s' "$line" | awk '{print $2}')"
  else
    printf '000'
  fi
}

# The business date the running services were started with (deploy/local/up --demo-date), empty for the real date.
running_demo_date() { cat "$RUN_DIR/demo-date" 2>/dev/null || true; }

print_urls() {
  local r="http://localhost:$BUDGETWATCH_REPORTING_PORT" g="http://localhost:$BUDGETWATCH_GOALS_PORT" \
        e="http://localhost:$BUDGETWATCH_EXECUTION_PORT" business
  business="$(running_demo_date)"
  if [ -n "$business" ]; then
    business="$business (demo: the services' clock shows this date with the real time of day; up --demo-date DATE|today;
                     a service in dev mode: BUDGETWATCH_CLOCK_DEMO_DATE=$business)"
  else
    business="the real date (up --demo-date DATE for a demo date)"
  fi
  cat <<EOF

BudgetWatch local stack
  Business date      $business
  Dashboard          $r/
  reporting-service  $r/api   OpenAPI $r/q/openapi   Swagger UI $r/q/swagger-ui   health $r/q/health
  goals-service      $g/api   OpenAPI $g/q/openapi   Swagger UI $g/q/swagger-ui   health $g/q/health
  execution-service  $e/api   OpenAPI $e/q/openapi   Swagger UI $e/q/swagger-ui   health $e/q/health
  PostgreSQL         localhost:$BUDGETWATCH_DB_PORT  user $BUDGETWATCH_DB_USER  databases goals, execution, reporting (and keycloak, user keycloak)
  Kafka              $BUDGETWATCH_KAFKA
  Logs               $LOG_DIR
  Data               $DATA_DIR
EOF
  if [ "$REPLICAS" -gt 1 ]; then print_replicas; fi
  if has_component keycloak; then print_keycloak; fi
}

# Instances 1..N-1 of each service (up --replicas N); instance 0 is the one above.
print_replicas() {
  local k=1 c u
  say ""
  say "Replicas: $REPLICAS instances of each service (instance k: base port + 10*k; the same databases and Kafka consumer"
  say "groups; logs <service>-k.log; reporting-service reads ledgers from $BUDGETWATCH_EXECUTION_URL; demo data through instance 0)"
  while [ "$k" -lt "$REPLICAS" ]; do
    for c in reporting goals execution; do
      case " $SERVICES " in *" $c "*) ;; *) continue ;; esac
      u="http://localhost:$(port_of "$c-$k")"
      if [ "$c" = reporting ]; then
        say "  $(printf '%-20s' "$c-service #$k") $u/   $u/api   health $u/q/health"
      else
        say "  $(printf '%-20s' "$c-service #$k") $u/api   health $u/q/health"
      fi
    done
    k=$(( k + 1 ))
  done
}

# The realm's users and clients (as in deploy/keycloak/budgetwatch-realm.json) and how to get a token.
print_keycloak() {
  local password="(see $KC_SECRETS)" secret="(see $KC_SECRETS)" token="$KC_ISSUER/protocol/openid-connect/token" dashboards=""
  [ "$REPLICAS" -gt 1 ] && dashboards=" and each reporting instance's"
  if [ -r "$KC_SECRETS" ]; then
    password="$(kc_secret demo_password)"
    secret="$(kc_secret treasury_secret)"
  fi
  cat <<EOF

Keycloak $KC_VERSION (identity provider; realm $KC_REALM from deploy/keycloak/budgetwatch-realm.json, database keycloak)
  URL                $KC_URL   admin console $KC_URL/admin/ (realm master, user kcadmin)
  issuer             $KC_ISSUER   health http://localhost:$BUDGETWATCH_KEYCLOAK_MANAGEMENT_PORT/health/ready
  users              planner-213001 (planner, agency_codes 213001)   manager-213001 (manager, 213001)
                     planner-213002 (planner, 213002)   manager-213002 (manager, 213002: the invented demo agency)
                     supervisor (supervisor, no agency_codes: all)
                     auditor (auditor)   admin (admin)   kcadmin (administrator of Keycloak, realm master)
  password           $password   (all of them; BUDGETWATCH_DEMO_PASSWORD at the first up, kept in $KC_SECRETS)
  realm roles        treasury planner manager supervisor auditor admin
  clients            budgetwatch-dashboard (public, code flow + PKCE S256, http://localhost:$BUDGETWATCH_REPORTING_PORT/*$dashboards)
                     budgetwatch-cli (public, password grant: scripts and curl)
                     treasury (confidential, client credentials, role treasury; secret $secret)
  token of a user    curl -s -d grant_type=password -d client_id=budgetwatch-cli -d username=manager-213001 --data-urlencode $(printf '%q' "password=$password") $token
  token of treasury  curl -s -u $(printf '%q' "treasury:$secret") -d grant_type=client_credentials $token
                     (access token only: ... | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
EOF
}

# A value of deploy/local/data/keycloak/secrets.env (written by up: demo_password, treasury_secret,
# keycloak_db_password; name=value, shell-quoted).
kc_secret() {
  ( . "$KC_SECRETS" 2>/dev/null && eval "printf '%s' \"\${$1:-}\"" )
}
