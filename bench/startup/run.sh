#!/usr/bin/env bash
# The start-up and memory benchmark (issue 15 item 4): each service (content, audience, metrics) against a bare
# Quarkus application with the same extensions (bench/startup/bare, built in this run). For each: time from the
# process's start until /q/health/ready on the management port answers 200, VmRSS right then, and VmRSS after a
# light load (LOAD_REQUESTS authenticated GETs, default 200, on one keep-alive connection). Prints the figures and
# the ratios to the bare application (goal: ≤ 1.5×). Not part of ./mvnw verify. One command:
#
#   bench/startup/run.sh
#
# Ready time and RSS at start are the median of STARTS measured starts (default 3), made in rounds (bare, content,
# audience, metrics, again) so that each application meets about the same load; the load runs after the last.
# Every application runs as ./kogu up runs a service (KoguStack): java -Xmx384m -XX:+UseSerialGC -jar
# quarkus-run.jar, the same environment. Each is started alone: a first start on its new, empty database (Flyway
# migrates; it also warms the page cache with the jars), printed but not compared, then the rounds.
# Uses the PostgreSQL on 127.0.0.1:5432 (trust auth; PGHOST, PGPORT, PGUSER override) and makes its databases
# kogu_bench_startup_* anew.
set -euo pipefail
cd "$(dirname "$0")/../.."
home=$PWD
pg_host=${PGHOST:-127.0.0.1}
pg_port=${PGPORT:-5432}
pg_user=${PGUSER:-postgres}
requests=${LOAD_REQUESTS:-200}
starts=${STARTS:-3}
work=${BENCH_WORK_DIR:-/tmp/kogu-bench-startup}
mkdir -p "$work/keys" "$work/logs"

if [[ "${SKIP_BUILD:-}" != true ]]; then
  echo "Building the services, devkit and the bare application (tests skipped)..." >&2
  ./mvnw -B -q package -DskipTests -pl devkit,content-service,audience-service,metrics-service -am \
    > "$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; exit 1; }
  ./mvnw -B -q -f bench/startup/bare/pom.xml package -DskipTests \
    >> "$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; exit 1; }
fi

# Keys and secrets as the devkit makes them (SigningKey, DevSecret): the user token issuer's pair (written by
# `kogu token`), the services' own pair, and two 32-byte secrets.
token=$(KOGU_DATA_DIR="$work" java -Dkogu.home="$home" -jar devkit/target/devkit.jar token --workspace bench \
  --role viewer --role editor --role admin)
if [[ ! -f "$work/keys/service-private.pem" ]]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/keys/service-private.pem" 2>/dev/null
  openssl pkey -in "$work/keys/service-private.pem" -pubout -out "$work/keys/service-public.pem"
fi
secret() { [[ -f "$work/keys/$1" ]] || openssl rand -base64 32 > "$work/keys/$1"; cat "$work/keys/$1"; }
hmac_key=$(secret idempotency-hmac.key)
webhooks_key=$(secret webhooks-secret.key)

psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql -q -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -v ON_ERROR_STOP=1 "$@"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

pid=""
stop_app() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
  fi
  pid=""
}
trap stop_app EXIT

# launch NAME JAR DATABASE: starts the application in the background (sets pid, t0) on ports 18090 and 19090.
launch() {
  local name=$1 jar=$2 database=$3
  t0=$(now_ms)
  env QUARKUS_HTTP_PORT=18090 QUARKUS_MANAGEMENT_PORT=19090 \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg_host:$pg_port/$database?user=$pg_user" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$work/keys/jwt-public.pem" MP_JWT_VERIFY_ISSUER=https://kogu.dev/local \
    KOGU_AUDIENCE_URL=http://localhost:8082 KOGU_METRICS_URL=http://localhost:8083 \
    KOGU_CONTENT_URL=http://localhost:8081 \
    KOGU_SERVICE_TOKENS_PUBLIC_KEY_LOCATION="$work/keys/service-public.pem" \
    KOGU_SERVICE_TOKENS_PRIVATE_KEY_LOCATION="$work/keys/service-private.pem" \
    KOGU_IDEMPOTENCY_HMAC_KEY="$hmac_key" KOGU_WEBHOOKS_SECRET_KEY="$webhooks_key" \
    KOGU_CONTENT_CREDENTIALS_ALLOW_DEVELOPMENT_KEY=true KOGU_OUTBOUND_ALLOW_LOOPBACK=true \
    QUARKUS_HTTP_CORS_ORIGINS=http://localhost:5173 QUARKUS_MAILER_MOCK=true \
    KOGU_REPORTS_BASE_URL=http://localhost:8083 QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    QUARKUS_OTEL_TRACES_SAMPLER_ARG=0 \
    java -Xmx384m -XX:+UseSerialGC -jar "$jar" >> "$work/logs/$name.log" 2>&1 &
  pid=$!
}

# await_ready NAME: prints the milliseconds from launch until /q/health/ready answers 200.
await_ready() {
  local name=$1 deadline=$(( $(now_ms) + 240000 ))
  until curl -fs -o /dev/null --max-time 2 http://localhost:19090/q/health/ready; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name stopped while starting; see $work/logs/$name.log" >&2; exit 1
    fi
    if (( $(now_ms) > deadline )); then
      echo "$name was not ready within 240 s; see $work/logs/$name.log" >&2; exit 1
    fi
    sleep 0.02
  done
  echo $(( $(now_ms) - t0 ))
}

# load PATH: LOAD_REQUESTS GETs on one connection; prints how many answered 200.
load() {
  local url=http://localhost:18090$1 args=()
  for ((i = 0; i < requests; i++)); do args+=(-o /dev/null "$url"); done
  curl -s -w '%{http_code}\n' -H "Authorization: Bearer $token" "${args[@]}" | grep -c '^200$' || true
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
declare -A first ready rss_start rss_load ok all sizes
names=(bare content audience metrics)
declare -A jars=([bare]=bench/startup/bare/target/quarkus-app/quarkus-run.jar
  [content]=content-service/target/quarkus-app/quarkus-run.jar
  [audience]=audience-service/target/quarkus-app/quarkus-run.jar
  [metrics]=metrics-service/target/quarkus-app/quarkus-run.jar)
declare -A paths=([bare]=/hello [content]=/v1/drafts [audience]=/v1/members [metrics]=/v1/report-subscriptions)

echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
for name in "${names[@]}"; do
  database=kogu_bench_startup_$name
  psql_admin -c "drop database if exists $database with (force)" -c "create database $database"
  echo "  $name: first start (migrations)..." >&2
  launch "$name" "${jars[$name]}" "$database"
  first[$name]=$(await_ready "$name")
  stop_app
done
# Rounds of one start of each application, so that every round sees about the same load of the shared machine.
for ((k = 1; k <= starts; k++)); do
  for name in "${names[@]}"; do
    echo "  round $k of $starts: $name..." >&2
    launch "$name" "${jars[$name]}" "kogu_bench_startup_$name"
    all[$name]+="$(await_ready "$name") "
    sizes[$name]+="$(rss_mb "$pid") "
    if (( k == starts )); then
      ok[$name]=$(load "${paths[$name]}")
      rss_load[$name]=$(rss_mb "$pid")
    fi
    stop_app
  done
done
for name in "${names[@]}"; do
  ready[$name]=$(median ${all[$name]})
  rss_start[$name]=$(median ${sizes[$name]})
done
echo "Load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '\n%-9s %12s %10s %6s %13s %6s %14s %6s %10s\n' application "first start" "ready (s)" "×bare" \
  "RSS start MB" "×bare" "RSS load MB" "×bare" "GETs 200"
for name in "${names[@]}"; do
  printf '%-9s %12.2f %10.2f %6s %13s %6s %14s %6s %10s\n' "$name" \
    "$(awk -v v="${first[$name]}" 'BEGIN { print v / 1000 }')" \
    "$(awk -v v="${ready[$name]}" 'BEGIN { print v / 1000 }')" "$(ratio "${ready[$name]}" "${ready[bare]}")" \
    "${rss_start[$name]}" "$(ratio "${rss_start[$name]}" "${rss_start[bare]}")" \
    "${rss_load[$name]}" "$(ratio "${rss_load[$name]}" "${rss_load[bare]}")" "${ok[$name]}/$requests"
done
echo
for name in "${names[@]}"; do echo "  $name: ready after ${all[$name]}ms"; done
echo "Goal: ≤ 1.5× the bare application's ready time and RSS. Logs in $work/logs."
