#!/usr/bin/env python3
"""metrics-service benchmark (see bench/metrics/README.md).

1. A database of its own on the long-running PostgreSQL, migrated by metrics-service itself.
2. 5,000 publications on 20 channels and N (default 10,000,000) engagement events over 16 weeks, generated
   with SQL, with the event keys and rollups the service keeps (kept between runs; --regenerate).
3. Ingestion: the same M rows (default 1,000,000) once with COPY into engagement_event (rolled back) and once
   as an NDJSON stream through POST /v1/events (which also deduplicates and keeps the rollups).
4. Latency: p50/p95 of GET /v1/best-time and the channel summary (GET /v1/summaries) against the plain SQL
   aggregates over the raw events that answer the same questions.
"""
import argparse
import base64
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

PG = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-X", "-q"]
DB = "kogu_bench_metrics"
WS = "bench"
# The channel whose reads are measured; ingested rows go to the other 19, so reruns do not change its rollups.
LOG_FILE = os.path.join(tempfile.gettempdir(), "kogu-bench-metrics-service.log")
MEASURED_CHANNEL = "00000000-0000-4000-8000-000000000003"
ENGAGEMENT = "('click','comment','favorite','like','plus_one','quote','reaction','repost','save','share')"


def psql(sql, db=DB, capture=True):
    out = subprocess.run(PG + ["-d", db, "-At", "-c", sql], check=True, capture_output=capture, text=True)
    return out.stdout.strip() if capture else None


def psql_script(script, db=DB):
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(script)
        name = f.name
    try:
        done = subprocess.run(PG + ["-d", db, "-f", name], capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"psql failed: {done.stderr.strip()}")
        return done.stdout
    finally:
        os.unlink(name)


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(key, roles):
    header = b64(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
    now = int(time.time())
    claims = {"iss": "https://kogu.dev/local", "sub": "bench", "upn": "bench", "groups": roles, "workspace": WS,
              "iat": now, "exp": now + 6 * 3600, "jti": str(now)}
    payload = b64(json.dumps(claims).encode())
    signature = key.sign(f"{header}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{header}.{payload}.{b64(signature)}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_service(jar, port, public_key_file, log):
    management_port = free_port()  # health is on the management interface
    env = dict(os.environ, QUARKUS_HTTP_PORT=str(port), QUARKUS_MANAGEMENT_PORT=str(management_port),
               QUARKUS_DATASOURCE_JDBC_URL=f"jdbc:postgresql://127.0.0.1:5432/{DB}",
               QUARKUS_DATASOURCE_USERNAME="postgres", QUARKUS_DATASOURCE_PASSWORD="",
               MP_JWT_VERIFY_PUBLICKEY_LOCATION=public_key_file, QUARKUS_LOG_CONSOLE_JSON_ENABLED="false",
               KOGU_IDEMPOTENCY_HMAC_KEY=base64.b64encode(os.urandom(32)).decode(),
               # One line per stored batch and per applied rollup chunk, with its time: where the time went.
               QUARKUS_LOG_CATEGORY__IO_KOGU_METRICS_EVENT__LEVEL="DEBUG")
    # BENCH_JAVA_OPTS: extra JVM options, e.g. -XX:StartFlightRecording=filename=/tmp/metrics.jfr to profile.
    java = ["java", "-Xmx1g", *os.environ.get("BENCH_JAVA_OPTS", "").split(), "-jar", jar]
    process = subprocess.Popen(java, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 900  # a first start after an upgrade may migrate the 10 M events
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"metrics-service exited; see {log.name}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", management_port, timeout=2)
            conn.request("GET", "/q/health/ready")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.5)
    process.kill()
    raise SystemExit("metrics-service did not get ready in 900 s")


def generate(events):
    print(f"Generating 5,000 publications and {events:,} events over 16 weeks with SQL…", flush=True)
    started = time.time()
    psql_script(f"""
truncate engagement_event, rollup_backlog, rollup_hourly, rollup_daily, publication_total, rollup_actor, publication, counter_snapshot;
select engagement_event_ensure_partitions(now() - interval '17 weeks', now() + interval '8 weeks');
-- 20 channels over 5 networks; publications spread over 16 weeks, more of them at office hours.
create temporary table bench_publication as
select n, gen_random_uuid() as id,
       ('00000000-0000-4000-8000-' || lpad(((n % 20) + 1)::text, 12, '0'))::uuid as channel_id,
       (array['x','facebook','instagram','linkedin','mastodon'])[1 + (n % 5)] as network,
       date_trunc('hour', now() - interval '1 day' - random() * interval '111 days')
         + (floor(random() * 4) * interval '15 minutes') as published_at
from generate_series(1, 5000) n;
insert into publication (workspace_id, id, channel_id, network, external_post_id, published_at, tags, campaign,
                         follower_count, created_at)
select '{WS}', id, channel_id, network, 'post-' || n, published_at, array['tag' || (n % 7)], 'campaign' || (n % 11),
       1000 + n, published_at
from bench_publication;
-- Events in the first 72 hours of a post (most in the first hours); posts on Tuesday mornings earn more.
insert into engagement_event (workspace_id, event_id, publication_id, type, occurred_at, count)
select '{WS}', 'g-' || g, p.id,
       (array['impression','impression','impression','impression','impression','reach','reach','view',
              'like','like','like','favorite','reaction','comment','share','repost','click','click','save',
              'follow'])[1 + floor(random() * 20)::int],
       least(p.published_at + random() * random() * interval '72 hours', now() - interval '1 minute'),
       case when extract(isodow from p.published_at) = 2 and extract(hour from p.published_at) between 8 and 11
            then 3 else 1 end
from generate_series(1, {events}) g
join bench_publication p on p.n = 1 + (g % 5000);
insert into rollup_hourly (workspace_id, publication_id, type, hour, channel_id, network, total)
select e.workspace_id, e.publication_id, e.type, date_trunc('hour', e.occurred_at at time zone 'UTC') at time zone 'UTC',
       p.channel_id, p.network, sum(e.count)
from engagement_event e join publication p on p.workspace_id = e.workspace_id and p.id = e.publication_id
group by 1, 2, 3, 4, 5, 6;
insert into rollup_daily (workspace_id, publication_id, type, day, channel_id, network, total)
select workspace_id, publication_id, type, (hour at time zone 'UTC')::date, channel_id, network, sum(total)
from rollup_hourly group by 1, 2, 3, 4, 5, 6;
insert into publication_total (workspace_id, publication_id, type, total)
select workspace_id, publication_id, type, sum(count) from engagement_event group by 1, 2, 3;
create table if not exists bench_marker (events bigint);
truncate bench_marker;
insert into bench_marker values ({events});
vacuum analyze;
""")
    print(f"  generated in {time.time() - started:.0f} s", flush=True)


def forget_previous_ingestion():
    """Takes the events of an earlier run's ingestion ('n-' ids) and of the JVM's warm-up stream ('w-' ids) out of
    the rollups, then deletes them, so that
    every run ingests into the same data (rollup rows that only those events had are deleted too). The service is
    running: its rollup applier first takes in whatever an earlier, interrupted run left queued."""
    deadline = time.time() + 3600
    while psql("select exists (select 1 from rollup_backlog)") == "t":
        if time.time() > deadline:
            raise SystemExit("the rollup backlog left by an earlier run was not applied within an hour")
        time.sleep(0.5)
    psql_script("""
create temporary table previous as
select publication_id, type, date_trunc('hour', occurred_at at time zone 'UTC') at time zone 'UTC' as hour,
       sum(count) as total
from engagement_event where workspace_id = 'bench' and (event_id like 'n-%' or event_id like 'w-%') group by 1, 2, 3;
update rollup_hourly r set total = r.total - p.total from previous p
where r.workspace_id = 'bench' and r.publication_id = p.publication_id and r.type = p.type and r.hour = p.hour;
update rollup_daily r set total = r.total - p.total
from (select publication_id, type, (hour at time zone 'UTC')::date as day, sum(total) as total from previous group by 1, 2, 3) p
where r.workspace_id = 'bench' and r.publication_id = p.publication_id and r.type = p.type and r.day = p.day;
update publication_total r set total = r.total - p.total
from (select publication_id, type, sum(total) as total from previous group by 1, 2) p
where r.workspace_id = 'bench' and r.publication_id = p.publication_id and r.type = p.type;
delete from rollup_hourly where workspace_id = 'bench' and total = 0;
delete from rollup_daily where workspace_id = 'bench' and total = 0;
delete from publication_total where workspace_id = 'bench' and total = 0;
delete from engagement_event where workspace_id = 'bench' and (event_id like 'n-%' or event_id like 'w-%');
vacuum analyze rollup_hourly;
vacuum analyze rollup_daily;
vacuum analyze publication_total;
vacuum analyze rollup_actor;
vacuum analyze rollup_backlog;
vacuum analyze engagement_event;
""")


def write_rows(tmp, rows, prefix):
    """The NDJSON stream and the CSV of the same rows: new event ids, on the generated publications, within the
    last 16 weeks. Answers both paths."""
    ndjson = os.path.join(tmp, f"{prefix}events.ndjson")
    csv = os.path.join(tmp, f"{prefix}events.csv")
    select = f"""
        select '{prefix}' || g as "eventId", p.id as "publicationId",
               (array['impression','like','comment','share','click'])[1 + (g % 5)] as type,
               now() - interval '2 hours' - (g % 2600) * interval '1 hour' as "occurredAt", 1 as count
        from generate_series(1, {rows}) g
        join (select id, row_number() over (order by id) as n from publication
              where workspace_id = '{WS}' and channel_id <> '{MEASURED_CHANNEL}') p
          on p.n = 1 + (g % 4750)"""
    select = " ".join(select.split())  # psql's \\copy takes one line
    copy_out = f"""\\copy (select row_to_json(e) from ({select}) e) to '{ndjson}'
\\copy (select '{WS}', "eventId", "publicationId", type, "occurredAt", count from ({select}) e) to '{csv}' csv
"""
    psql_script(copy_out)
    return ndjson, csv


def post_stream(key_token, port, ndjson, rows):
    """Posts the NDJSON file as one stream; answers the seconds until the answer."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
    started = time.time()
    with open(ndjson, "rb") as body:
        conn.request("POST", "/v1/events", body=body, headers={
            "Authorization": f"Bearer {key_token}", "Content-Type": "application/x-ndjson",
            "Content-Length": str(os.path.getsize(ndjson))})
        response = conn.getresponse()
        answer = json.loads(response.read())
    seconds = time.time() - started
    if response.status != 200 or answer["accepted"] != rows:
        raise SystemExit(f"ingestion answered {response.status}: { {k: answer.get(k) for k in ('accepted', 'duplicates', 'rejected')} }")
    return seconds


def wait_for_rollups(started):
    """Waits until the service's backlog applier has taken every queued delta into the rollups."""
    while psql("select exists (select 1 from rollup_backlog)") == "t":
        if time.time() - started > 3600:
            raise SystemExit("the rollup backlog was not applied within an hour")
        time.sleep(0.2)


def warm_up(key_token, port, rows):
    """A first stream into the fresh JVM, then taken out again: its JIT compiles the ingestion path while it runs
    (measured: 5 s of CPU of the C1/C2 compiler threads during a first stream of 1,000,000 events, on 2 cores
    shared with the stream and PostgreSQL), which a service that has taken streams before no longer pays."""
    tmp = tempfile.mkdtemp(prefix="kogu-bench-")
    ndjson, csv = write_rows(tmp, rows, "w-")
    started = time.time()
    seconds = post_stream(key_token, port, ndjson, rows)
    wait_for_rollups(started)
    for path in (ndjson, csv):
        os.unlink(path)
    os.rmdir(tmp)
    forget_previous_ingestion()
    return seconds


def ingestion(key_token, port, rows):
    tmp = tempfile.mkdtemp(prefix="kogu-bench-")
    ndjson, csv = write_rows(tmp, rows, "n-")
    size = os.path.getsize(ndjson)
    columns = "engagement_event (workspace_id, event_id, publication_id, type, occurred_at, count)"
    # (a) the guarantee (each event once per workspace): COPY into the raw table with its unique index on
    #     (workspace_id, event_id, occurred_at) in every weekly partition (V11), as the endpoint stores them;
    # (b) the bare raw table: the same COPY with that index dropped (in the transaction that is rolled back).
    fair = f"\\copy {columns} from '{csv}' csv\n"
    bare = fair
    bare_setup = "drop index engagement_event_identity;\n"

    def timed_copy(script, setup=""):
        """Seconds of the COPY statements of one transaction, rolled back so that the endpoint stores the rows afresh."""
        out = psql_script("begin;\n" + setup + "\\timing on\n" + script + "\\timing off\nrollback;\n")
        return sum(float(t) for t in re.findall(r"Time: ([0-9.]+) ms", out)) / 1000

    # Each twice, the better one counts (the second runs on warm pages): generous to COPY.
    bare_seconds = min(timed_copy(bare, bare_setup), timed_copy(bare, bare_setup))
    fair_seconds = min(timed_copy(fair), timed_copy(fair))
    # The rolled-back COPYs left dead rows with the very keys the stream is about to store; each of its inserts
    # would then visit them in the unique index (autovacuum is off on the development PostgreSQL). The baselines
    # started from a vacuumed table; so does the stream.
    psql("vacuum engagement_event")
    log_from = os.path.getsize(LOG_FILE)
    started = time.time()
    endpoint_seconds = post_stream(key_token, port, ndjson, rows)
    # A stream's rollup deltas are applied by the service's backlog applier after the answer: wait until the
    # backlog is empty, so that the figures also say when the rollups were current again.
    wait_for_rollups(started)
    current_seconds = time.time() - started
    with open(LOG_FILE, errors="replace") as f:
        f.seek(log_from)
        lines = f.read()
    stored_ms = sum(int(ms) for ms in re.findall(r"Stored \d+ events in (\d+) ms", lines))
    applied_ms = sum(int(ms) for ms in re.findall(r"Applied \d+ rollup deltas in (\d+) ms", lines))
    print(f"  where the time went: the request's batch writes took {stored_ms / 1000:.1f} s in all (on the writer thread,"
          f" while the next batch was read and checked); the rollup applier's chunks {applied_ms / 1000:.1f} s (in the"
          f" background, during the stream and after it)")
    os.unlink(ndjson)
    os.unlink(csv)
    os.rmdir(tmp)
    return bare_seconds, fair_seconds, endpoint_seconds, current_seconds, size


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def http_latencies(port, viewer, path, runs):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latencies = []
    for i in range(runs + 3):
        started = time.perf_counter()
        conn.request("GET", path, headers={"Authorization": f"Bearer {viewer}"})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}")
        if i >= 3:  # the first calls warm the JIT and caches
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def sql_latencies(sql, runs):
    out = psql_script("\\timing on\n\\o /dev/null\n" + (sql.strip().rstrip(";") + ";\n") * (runs + 1))
    times = [float(t) for t in re.findall(r"Time: ([0-9.]+) ms", out)]
    return times[1:]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", required=True)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--ingest", type=int, default=1_000_000)
    parser.add_argument("--warm-up", type=int, default=200_000,
                        help="events of a first stream that warms the JVM and is then taken out (0: none)")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--sql-runs", type=int, default=10)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()

    if psql(f"select count(*) from pg_database where datname = '{DB}'", db="postgres") == "0":
        psql(f"create database {DB}", db="postgres")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tmp = tempfile.mkdtemp(prefix="kogu-bench-key-")
    public_key_file = os.path.join(tmp, "public.pem")
    with open(public_key_file, "wb") as f:
        f.write(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    port = free_port()
    log = open(LOG_FILE, "w")
    print(f"Starting metrics-service on port {port} (log {log.name})…", flush=True)
    service = start_service(args.jar, port, public_key_file, log)
    try:
        have = "0"
        if psql("select to_regclass('bench_marker') is not null") == "t":
            have = psql("select coalesce((select events from bench_marker), 0)") or "0"
        if args.regenerate or int(have) != args.events:
            generate(args.events)
        else:
            print(f"Reusing the generated {args.events:,} events (--regenerate to make them again)")
        forget_previous_ingestion()
        raw = int(psql(f"select count(*) from engagement_event where workspace_id = '{WS}'"))
        channel = MEASURED_CHANNEL

        integration = token(key, ["integration"])
        viewer = token(key, ["viewer"])
        print(f"\nIngestion of {args.ingest:,} events (a subset of the {raw:,}: the full set through the endpoint would"
              f" take too long for one run)", flush=True)
        if args.warm_up:
            warm_s = warm_up(integration, port, args.warm_up)
            print(f"  warm-up: a first stream of {args.warm_up:,} events into the fresh JVM took {warm_s:.2f} s"
                  f" ({args.warm_up / warm_s:,.0f} events/s, its JIT compiling as it went); taken out again", flush=True)
        print(f"  load average before: {load()}", flush=True)
        bare_s, fair_s, endpoint_s, current_s, size = ingestion(integration, port, args.ingest)
        bare_rate = args.ingest / bare_s
        fair_rate = args.ingest / fair_s
        endpoint_rate = args.ingest / endpoint_s
        print(f"  (a) COPY, each event once per workspace (unique)    {fair_s:8.2f} s  {fair_rate:12,.0f} events/s")
        print(f"  (b) COPY into the bare raw table (no uniqueness)    {bare_s:8.2f} s  {bare_rate:12,.0f} events/s")
        print(f"  NDJSON POST /v1/events ({size / 1e6:.0f} MB)                  {endpoint_s:8.2f} s  {endpoint_rate:12,.0f} events/s"
              f"  (parsed, checked, deduplicated, stored; rollup deltas queued)")
        print(f"  ... and rollups current again                     {current_s:8.2f} s  {args.ingest / current_s:12,.0f} events/s"
              f"  (the backlog applier's 4 rollups)")
        print(f"  ratio endpoint / (a): {endpoint_rate / fair_rate:.2f}  (goal >= 0.50);"
              f"  endpoint / (b): {endpoint_rate / bare_rate:.2f}  (goal >= 0.30);"
              f"  until rollups current / (b): {args.ingest / current_s / bare_rate:.2f}")
        print(f"  load average after: {load()}", flush=True)

        now = time.time()
        to = time.strftime("%Y-%m-%dT%H:00:00Z", time.gmtime(now + 3600))
        frm = time.strftime("%Y-%m-%dT%H:00:00Z", time.gmtime(now + 3600 - 28 * 86400))
        prev = time.strftime("%Y-%m-%dT%H:00:00Z", time.gmtime(now + 3600 - 56 * 86400))
        q = urllib.parse.urlencode
        checks = [
            ("best time (channel, Europe/Tallinn, 16 weeks)",
             "/v1/best-time?" + q({"channelId": channel, "zone": "Europe/Tallinn"}),
             f"""select extract(isodow from p.published_at at time zone 'Europe/Tallinn'),
                        extract(hour from p.published_at at time zone 'Europe/Tallinn'),
                        count(distinct p.id), sum(e.count)
                 from publication p join engagement_event e on e.workspace_id = p.workspace_id and e.publication_id = p.id
                 where p.workspace_id = '{WS}' and p.channel_id = '{channel}'
                   and p.published_at >= now() - interval '16 weeks' and e.type in {ENGAGEMENT}
                 group by 1, 2"""),
            ("channel summary (28 days + previous 28)",
             "/v1/summaries?" + q({"groupBy": "channel", "channelId": channel, "from": frm, "to": to}),
             f"""select e.type, sum(e.count) filter (where e.occurred_at >= '{frm}'),
                        sum(e.count) filter (where e.occurred_at < '{frm}')
                 from engagement_event e
                 where e.workspace_id = '{WS}' and e.occurred_at >= '{prev}' and e.occurred_at < '{to}'
                   and e.publication_id in (select id from publication where workspace_id = '{WS}' and channel_id = '{channel}')
                 group by 1"""),
        ]
        print(f"\nRead latency on {raw:,} raw events ({args.runs} calls through HTTP, {args.sql_runs} plain SQL runs)")
        for name, path, sql in checks:
            api = http_latencies(port, viewer, path, args.runs)
            plain = sql_latencies(sql, args.sql_runs)
            print(f"  {name}")
            print(f"    API (rollups, via HTTP)    p50 {statistics.median(api):8.1f} ms   p95 {percentile(api, 95):8.1f} ms"
                  f"  (goal p95 < 100 ms)")
            print(f"    plain SQL over raw events  p50 {statistics.median(plain):8.1f} ms   p95 {percentile(plain, 95):8.1f} ms")
            print(f"    ratio plain SQL p95 / API p95: {percentile(plain, 95) / percentile(api, 95):.1f}x")
    finally:
        service.send_signal(signal.SIGTERM)
        try:
            service.wait(timeout=30)
        except subprocess.TimeoutExpired:
            service.kill()
        log.close()


if __name__ == "__main__":
    main()
