#!/usr/bin/env bash
# Spam classification throughput per core (issue 13, docs/spam-model.md): builds audience-service (tests skipped)
# and runs ClassifyBench on one thread. Argument: how many items to score (default 300,000).
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "Building audience-service (tests skipped)..." >&2
./mvnw -B -q package -DskipTests -pl audience-service -am > /tmp/kogu-bench-classify-build.log 2>&1 \
  || { tail -40 /tmp/kogu-bench-classify-build.log >&2; exit 1; }
classpath="audience-service/target/classes:audience-service/target/quarkus-app/lib/main/*"
exec java -Xmx512m -XX:ActiveProcessorCount=1 --class-path "$classpath" bench/inbox/ClassifyBench.java "$@"
