#!/usr/bin/env bash
# metrics-service benchmark, one command:  bench/metrics/run.sh [--events N] [--ingest N] [--regenerate]
# Needs the long-running PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres), a JDK 17, python3 with
# the 'cryptography' package (to sign the benchmark's JWT). Builds metrics-service when its jar is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=metrics-service/target/quarkus-app/quarkus-run.jar
if [[ ! -f "$jar" ]] || [[ -n "$(find metrics-service/src/main contract platform/src/main -newer "$jar" -type f -print -quit)" ]]; then
  echo "Building metrics-service (tests skipped)…" >&2
  ./mvnw -B -q package -DskipTests -pl metrics-service -am >&2
  touch "$jar"
fi
exec python3 bench/metrics/bench.py --jar "$jar" "$@"
