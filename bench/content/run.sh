#!/usr/bin/env bash
# Benchmark of content-service's bulk import, list, search and export, against the PostgreSQL that runs on
# 127.0.0.1:5432 (trust auth, user postgres). Not part of ./mvnw verify. One command:
#
#   bench/content/run.sh            # ROWS=10000 by default; ROWS=50000 bench/content/run.sh for more
#
# It builds content-service if needed (tests skipped), makes a fresh database kogu_bench_content, starts the
# service on a free port with its own development key, runs bench.py (prints the figures) and stops the service.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${ROWS:-10000}"
PGURL="${BENCH_PG:-127.0.0.1:5432}"
work="$(mktemp -d)"
echo "work folder: $work"

if [[ -z "${SKIP_BUILD:-}" ]]; then  # SKIP_BUILD=1: a second run of the jars just built
  ./mvnw -B -q package -DskipTests -pl devkit,content-service -am > "$work/build.log" 2>&1 \
    || { tail -n 30 "$work/build.log"; exit 1; }
fi

psql -q -h "${PGURL%:*}" -p "${PGURL#*:}" -U postgres -c "drop database if exists kogu_bench_content" \
  -c "create database kogu_bench_content"

token="$(KOGU_DATA_DIR="$work" java -Dkogu.home="$PWD" -jar devkit/target/devkit.jar token --workspace bench \
  --role viewer --role editor --role admin)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"

management_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
QUARKUS_HTTP_PORT="$port" \
QUARKUS_MANAGEMENT_PORT="$management_port" \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGURL/kogu_bench_content" \
QUARKUS_DATASOURCE_USERNAME=postgres \
MP_JWT_VERIFY_PUBLICKEY_LOCATION="$work/keys/jwt-public.pem" \
KOGU_IDEMPOTENCY_HMAC_KEY="$(head -c 32 /dev/urandom | base64)" \
KOGU_CONTENT_CREDENTIALS_KEYS="bench:$(head -c 32 /dev/urandom | base64)" \
  java -jar content-service/target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null; wait "$service" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$management_port/q/health/ready" > /dev/null; then break; fi
  if ! kill -0 "$service" 2>/dev/null; then tail -n 30 "$work/service.log"; exit 1; fi
  sleep 0.5
done

python3 bench/content/bench.py --url "http://127.0.0.1:$port" --token "$token" --rows "$ROWS" --pg "$PGURL"
