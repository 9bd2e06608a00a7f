#!/usr/bin/env bash
# Load test of the AI Literacy server with wrk: starts the server in Release on a fresh database seeded with the
# demo authority at 100,000 agents (the development API key of the Development environment is the credential),
# then measures GET /api/v1/agents/{id}/status and POST /api/v1/completions.
#
#   tests/AiLiteracy.Server.Tests/Load/run.sh [sqlite|postgresql|all]      (default: all)
#
# Environment: AGENTS (staff of the demo authority, default 100000), DURATION (per measure, default 30s),
# WARMUP (before each measure, default 15s: the JIT optimises the hot path meanwhile), THREADS (wrk threads,
# default 2), CONNECTIONS (default 16), PORT (default 5180), PG_BIN (PostgreSQL binaries, default the newest
# /usr/lib/postgresql/*/bin), PG_POOL (the server's Npgsql pool size, default 4: on a 2-core machine a few busy
# PostgreSQL backends answer faster than many competing for the cores; requests wait their turn in the pool).
# Needs: the .NET SDK, wrk, curl, jq; for PostgreSQL the server binaries (a private instance is started with
# initdb/pg_ctl in a temporary folder, as the postgres user when run as root, and removed afterwards).
# The server is seeded in the Development environment (which creates the development API key) and measured in
# Production. Rate limiting stays on with a limit above the load; everything else is the shipped configuration.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
providers="${1:-all}"
agents="${AGENTS:-100000}"
duration="${DURATION:-30s}"
warmup="${WARMUP:-15s}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-16}"
port="${PORT:-5180}"
pg_pool="${PG_POOL:-4}"
base="http://127.0.0.1:$port"

for tool in dotnet wrk curl jq; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 2; }
done

work="$(mktemp -d /tmp/ailiteracy-load.XXXXXX)"
server_pid=""
pg_data=""
pg_user=()
[ "$(id -u)" = 0 ] && pg_user=(runuser -u postgres --)

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

stop_postgres() {
  if [ -n "$pg_data" ]; then
    "${pg_user[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
    pg_data=""
  fi
}

cleanup() {
  stop_server
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== $(date -u +%FT%TZ) $(nproc) cores, load average $(load); building the server in Release"
dotnet build -c Release "$root/src/AiLiteracy.Server/AiLiteracy.Server.csproj" -p:SkipOpenApiGeneration=true -v q -nologo >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
out="$root/src/AiLiteracy.Server/bin/Release/net10.0"

start_postgres() {
  pg_bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
  [ -x "$pg_bin/initdb" ] || { echo "run.sh: no PostgreSQL binaries (set PG_BIN)" >&2; exit 2; }
  local dir="$work/pg"
  mkdir -p "$dir"
  if [ ${#pg_user[@]} -gt 0 ]; then
    chmod o+x "$work" # mktemp made it private: the postgres user must reach its data folder
    chown postgres: "$dir"
  fi
  "${pg_user[@]}" "$pg_bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C >"$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log"; exit 1; }
  pg_data="$dir/data"
  pg_port=$((port + 1))
  # Durable settings (fsync and synchronous commit on): only memory and connections are raised.
  "${pg_user[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$dir/server.log" -w -t 60 \
    -o "-p $pg_port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
}

launch() { # environment provider connection-string log: the server in the background, pid in server_pid
  (
    cd "$out"
    export ASPNETCORE_ENVIRONMENT="$1"
    export Logging__LogLevel__Default=Warning Logging__LogLevel__AiLiteracy=Information
    export AiLiteracy__Storage__Provider="$2" AiLiteracy__Storage__ConnectionString="$3"
    export AiLiteracy__Server__Seed__DemoAuthority=true AiLiteracy__Server__Seed__DemoStaffCount="$agents"
    export AiLiteracy__Server__Seed__DevelopmentKeyFile="$key_file"
    export AiLiteracy__Server__RateLimit__TokenLimit=1000000 AiLiteracy__Server__RateLimit__TokensPerSecond=1000000
    exec dotnet AiLiteracy.Server.dll --urls "$base"
  ) >>"$4" 2>&1 &
  server_pid=$!
}

wait_until() { # condition-command log timeout-seconds
  local started=$SECONDS
  until eval "$1"; do
    kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped:"; cat "$2"; exit 1; }
    [ $((SECONDS - started)) -lt "$3" ] || { echo "the server was not ready within $3 s"; exit 1; }
    sleep 2
  done
}

start_server() { # provider connection-string
  # Seeding runs in the Development environment, which creates the development API key; the measures run in
  # Production (the key stays valid: it is stored, hashed, like any other key of the tenant).
  key_file="$work/development-api-key-$1.txt"
  local log="$work/server-$1.log" started=$SECONDS
  launch Development "$1" "$2" "$log"
  wait_until '[ -s "$key_file" ] && curl -fs "$base/health" >/dev/null 2>&1' "$log" 3600
  echo "   seeded in $((SECONDS - started)) s: $(grep -o 'Seeded demo tenant.*' "$log" | head -1)"
  stop_server
  launch Production "$1" "$2" "$log"
  wait_until 'curl -fs "$base/health" >/dev/null 2>&1' "$log" 300
  api_key="$(tr -d '[:space:]' <"$key_file")"
}

collect_ids() { # every active agent's employee number, one per line
  local url="$base/api/v1/agents?status=active&pageSize=1000"
  : >"$work/ids.txt"
  while [ -n "$url" ] && [ "$url" != null ]; do
    curl -fs -H "X-Api-Key: $api_key" "$url" >"$work/page.json"
    jq -r '.items[].employeeNumber' "$work/page.json" >>"$work/ids.txt"
    url="$(jq -r '.nextLink // empty' "$work/page.json")"
  done
  echo "   $(wc -l <"$work/ids.txt") active agents"
}

measure() { # provider script duration
  echo "   load average before $2: $(load)"
  AILITERACY_API_KEY="$api_key" AILITERACY_IDS_FILE="$work/ids.txt" AILITERACY_RUN="$1-$(date +%s)" \
    wrk -t"$threads" -c"$connections" -d"$3" --latency -s "$here/$2.lua" "$base" >"$work/wrk.txt"
  grep '^RESULT' "$work/wrk.txt" | sed "s/^RESULT /RESULT $1 /"
}

run() { # provider
  local provider="$1" connection
  echo "== $provider: $agents agents, wrk -t$threads -c$connections -d$duration"
  if [ "$provider" = postgresql ]; then
    start_postgres
    connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=ailiteracy;Maximum Pool Size=$pg_pool"
  else
    connection="Data Source=$work/ailiteracy.db"
  fi

  start_server "$provider" "$connection"
  if [ "$provider" = postgresql ]; then
    # Steady state after the bulk load, as after any large import: fresh planner statistics, no autovacuum pending.
    "$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d ailiteracy -c "VACUUM ANALYZE" >/dev/null
  fi
  collect_ids
  measure "$provider" status "$warmup" >/dev/null
  measure "$provider" status "$duration"
  measure "$provider" completions "$warmup" >/dev/null
  measure "$provider" completions "$duration"
  echo "   load average after: $(load)"
  stop_server
  stop_postgres
}

case "$providers" in
  sqlite|postgresql) run "$providers" ;;
  all) run sqlite; run postgresql ;;
  *) echo "usage: run.sh [sqlite|postgresql|all]" >&2; exit 2 ;;
esac
