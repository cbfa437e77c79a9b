#!/usr/bin/env bash
# The audience benchmark: 1,000,000 members, a nested segment rule against the best hand-written SQL, and an
# import of 100,000 NDJSON rows against COPY. Uses the PostgreSQL on 127.0.0.1:5432 (BENCH_DB_URL overrides;
# an admin JDBC URL), database kogu_bench_audience, kept between runs so the members are made once.
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "Building audience-service and devkit (tests skipped)..." >&2
./mvnw -B -q package -DskipTests -pl devkit,audience-service -am > /tmp/kogu-bench-audience-build.log 2>&1 \
  || { tail -40 /tmp/kogu-bench-audience-build.log >&2; exit 1; }
classpath="audience-service/target/classes:devkit/target/devkit.jar:devkit/target/lib/*:audience-service/target/quarkus-app/lib/main/*"
exec java -Xmx1g --class-path "$classpath" bench/audience/AudienceBench.java "$@"
