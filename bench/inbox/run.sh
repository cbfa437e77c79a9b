#!/usr/bin/env bash
# The inbox benchmark (issue 13): 1,000,000 conversation items in 250,000 conversations, and the inbox's first page
# with each filter through HTTP (p50/p95 of 200 requests). Uses the PostgreSQL on 127.0.0.1:5432 (BENCH_DB_URL
# overrides; an admin JDBC URL), database kogu_bench_inbox, kept between runs so the items are made once.
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "Building audience-service and devkit (tests skipped)..." >&2
./mvnw -B -q package -DskipTests -pl devkit,audience-service -am > /tmp/kogu-bench-inbox-build.log 2>&1 \
  || { tail -40 /tmp/kogu-bench-inbox-build.log >&2; exit 1; }
classpath="audience-service/target/classes:devkit/target/devkit.jar:devkit/target/lib/*:audience-service/target/quarkus-app/lib/main/*"
exec java -Xmx1g --class-path "$classpath" bench/inbox/InboxBench.java "$@"
