#!/usr/bin/env bash
# Dashboard and register timings on the real server (Release, Kestrel, SQLite) with the demo authority at AGENTS staff
# (default 100,000): signs in through the dashboard's form, then measures
#   - the first page (the report snapshot is built: every agent loaded from SQLite and judged),
#   - each dashboard page again (snapshot cached), REPEAT times: server time from the Server-Timing header and curl's total,
#   - a filtered page (first and cached),
#   - the AI Act literacy register over the API (JSON) and as the printable HTML export.
#
#   tests/AiLiteracy.Dashboard.Tests/Performance/measure.sh
#
# Environment: AGENTS (default 100000), REPEAT (default 20), PORT (default 5190). Needs the .NET SDK and curl.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
agents="${AGENTS:-100000}"
repeat="${REPEAT:-20}"
port="${PORT:-5190}"
base="http://127.0.0.1:$port"
work="$(mktemp -d /tmp/ailiteracy-dashboard-perf.XXXXXX)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== $(date -u +%FT%TZ) $(nproc) cores, load average $(load); building the server in Release"
dotnet build -c Release "$root/src/AiLiteracy.Server/AiLiteracy.Server.csproj" -p:SkipOpenApiGeneration=true -v q -nologo >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
out="$root/src/AiLiteracy.Server/bin/Release/net10.0"
key_file="$work/development-api-key.txt"
(
  cd "$out"
  export ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning
  export AiLiteracy__Storage__Provider=sqlite AiLiteracy__Storage__ConnectionString="Data Source=$work/ailiteracy.db"
  export AiLiteracy__Server__Seed__DemoAuthority=true AiLiteracy__Server__Seed__DemoStaffCount="$agents"
  export AiLiteracy__Server__Seed__DevelopmentKeyFile="$key_file"
  export AiLiteracy__Server__RateLimit__TokenLimit=1000000 AiLiteracy__Server__RateLimit__TokensPerSecond=1000000
  exec dotnet AiLiteracy.Server.dll --urls "$base"
) >"$work/server.log" 2>&1 &
server_pid=$!
started=$SECONDS
until [ -s "$key_file" ] && curl -fs "$base/health" >/dev/null 2>&1; do
  kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped:"; cat "$work/server.log"; exit 1; }
  [ $((SECONDS - started)) -lt 3600 ] || { echo "the server did not start within an hour"; exit 1; }
  sleep 2
done
key="$(tr -d '[:space:]' <"$key_file")"
echo "   seeded and started in $((SECONDS - started)) s"

jar="$work/cookies.txt"
curl -fs -c "$jar" -o /dev/null -H "Sec-Fetch-Site: same-origin" --data-urlencode "apiKey=$key" "$base/sign-in"

# page path → "server_ms total_ms"
page() {
  curl -fs -b "$jar" -o /dev/null -D "$work/headers.txt" -w '%{time_total}' "$base$1" >"$work/total.txt"
  local server total
  server="$(grep -i '^server-timing:' "$work/headers.txt" | sed -E 's/.*dur=([0-9.]+).*/\1/' | tr -d '\r')"
  total="$(awk '{ printf "%.1f", $1 * 1000 }' "$work/total.txt")"
  echo "$server $total"
}

stats() { # label file(server total per line)
  sort -n -k1,1 "$2" | awk -v label="$1" '{ s[NR] = $1; t[NR] = $2 } END {
    n = NR; p50 = s[int((n + 1) / 2)]; p95 = s[int(n * 0.95 + 0.999)]; max = s[n];
    printf "   %-34s server p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  (n=%d)\n", label, p50, p95, max, n }'
}

echo "   load average before: $(load)"
read -r first_server first_total <<<"$(page /)"
echo "   first page right after start       server $first_server ms, total $first_total ms (waits for the snapshot being built)"
for path in / /expiring /plan /referents; do
  : >"$work/samples.txt"
  for _ in $(seq "$repeat"); do page "$path" >>"$work/samples.txt"; done
  stats "$path (snapshot cached)" "$work/samples.txt"
done
directorate="$(curl -fs -H "X-Api-Key: $key" "$base/api/v1/reports/coverage" | grep -o '"byDirectorate":\[{"id":"[^"]*"' | sed -E 's/.*"id":"([^"]*)"/\1/')"
read -r filtered_server _ <<<"$(page "/plan?orgUnitId=$directorate&jobFamilyId=rh")"
echo "   /plan filtered, first              server $filtered_server ms"
: >"$work/samples.txt"
for _ in $(seq "$repeat"); do page "/plan?orgUnitId=$directorate&jobFamilyId=rh" >>"$work/samples.txt"; done
stats "/plan filtered (cached)" "$work/samples.txt"

register_ms="$(curl -fs -H "X-Api-Key: $key" -o "$work/register.json" -w '%{time_total}' "$base/api/v1/reports/literacy-register" | awk '{ printf "%.0f", $1 * 1000 }')"
echo "   register JSON over the API         $register_ms ms, $(du -h "$work/register.json" | cut -f1)"
html_ms="$(curl -fs -b "$jar" -o "$work/register.html" -w '%{time_total}' "$base/exports/literacy-register?format=html" | awk '{ printf "%.0f", $1 * 1000 }')"
echo "   register printable HTML            $html_ms ms, $(du -h "$work/register.html" | cut -f1)"
echo "   load average after: $(load)"
