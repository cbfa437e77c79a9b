#!/usr/bin/env bash
# Listening benchmark (issue 14): one polling cycle over 1,000 local feeds × 50 items through content-service's fetch
# path, the share of 304s when nothing changed, and clustering throughput over 100,000 items. Needs no database.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "Building content-service (tests skipped)..." >&2
  ./mvnw -B -q package -DskipTests -pl content-service -am > /tmp/kogu-bench-listening-build.log 2>&1 \
    || { tail -40 /tmp/kogu-bench-listening-build.log >&2; exit 1; }
fi
classpath="content-service/target/classes:content-service/target/quarkus-app/lib/main/*:content-service/target/quarkus-app/lib/boot/*"
exec java -Xmx1g --class-path "$classpath" bench/listening/ListeningBench.java "$@"
