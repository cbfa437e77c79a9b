#!/usr/bin/env bash
# The publishing benchmark (issue 9): 1,000 and 10,000 posts due at the same instant, one and three
# content-service replicas, a local receiver answering in 50 ms. Prints time until all are out and the lag from
# the due time (p50/p99/max) with the ratios to the goals. Not part of ./mvnw verify. One command:
#
#   bench/publishing/run.sh
#
# Uses the PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres; BENCH_DB_URL overrides with an admin JDBC
# URL) and makes its databases kogu_bench_publishing_* anew. Builds what it runs (tests skipped).
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "Building the services and devkit (tests skipped)..." >&2
./mvnw -B -q package -DskipTests -pl devkit,content-service,audience-service,metrics-service -am \
  > /tmp/kogu-bench-publishing-build.log 2>&1 || { tail -40 /tmp/kogu-bench-publishing-build.log >&2; exit 1; }
classpath="devkit/target/devkit.jar:devkit/target/lib/*:content-service/target/quarkus-app/lib/main/*"
exec java -Xmx1g --class-path "$classpath" bench/publishing/PublishingBench.java "$@"
