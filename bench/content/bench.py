"""Figures of content-service's bulk paths: import job throughput, list, full-text search and export."""
import argparse
import json
import os
import re
import statistics
import subprocess
import tempfile
import time
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--url", required=True)
parser.add_argument("--token", required=True)
parser.add_argument("--rows", type=int, default=10000)
parser.add_argument("--pg", default="127.0.0.1:5432", help="host:port of the benchmark's PostgreSQL")
parser.add_argument("--db", default="kogu_bench_content")
parser.add_argument("--workspace", default="bench", help="the workspace of the token")
args = parser.parse_args()
PSQL = ["psql", "-h", args.pg.rsplit(":", 1)[0], "-p", args.pg.rsplit(":", 1)[1], "-U", "postgres", "-d", args.db,
        "-v", "ON_ERROR_STOP=1", "-X", "-q"]


def psql_script(script):
    done = subprocess.run(PSQL + ["-f", "-"], input=script, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"psql failed: {done.stderr.strip()}")
    return done.stdout


def copy_baseline():
    """COPY of the rows the import just wrote (drafts, their first revisions, their creation in the history), with
    new ids, into the same tables in a transaction that is rolled back: what PostgreSQL itself takes to store them.
    Timed twice; the better one counts."""
    tmp = tempfile.mkdtemp(prefix="kogu-bench-content-")
    files = {t: os.path.join(tmp, t + ".csv") for t in ("draft", "draft_revision", "draft_transition")}
    columns = {}
    for table in files:
        out = psql_script(f"""\\pset tuples_only on
select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns
where table_name = '{table}' and is_generated = 'NEVER' and generation_expression is null;""")
        columns[table] = out.strip()
    ws = args.workspace
    psql_script(f"""create temporary table m as select id as old, gen_random_uuid() as new from draft where workspace_id = '{ws}';
\\copy (select {', '.join('m.new' if c == 'id' else 'd.' + c for c in columns['draft'].split(','))} from draft d join m on m.old = d.id) to '{files['draft']}' csv
\\copy (select {', '.join('gen_random_uuid()' if c == 'id' else 'm.new' if c == 'draft_id' else 'r.' + c for c in columns['draft_revision'].split(','))} from draft_revision r join m on m.old = r.draft_id where r.number = 1) to '{files['draft_revision']}' csv
\\copy (select {', '.join('gen_random_uuid()' if c == 'id' else 'm.new' if c == 'draft_id' else 't.' + c for c in columns['draft_transition'].split(','))} from draft_transition t join m on m.old = t.draft_id where t.action = 'create') to '{files['draft_transition']}' csv
""")
    def timed(tables):
        script = "begin;\n\\timing on\n" + "".join(
            f"\\copy {t} ({columns[t]}) from '{files[t]}' csv\n" for t in tables) + "\\timing off\nrollback;\n"
        return sum(float(x) for x in re.findall(r"Time: ([0-9.]+) ms", psql_script(script))) / 1000
    draft_only = min(timed(["draft"]), timed(["draft"]))
    everything = min(timed(list(files)), timed(list(files)))
    for f in files.values():
        os.unlink(f)
    os.rmdir(tmp)
    return draft_only, everything


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


def call(method, path, body=None, content_type=None):
    request = urllib.request.Request(args.url + path, data=body, method=method)
    request.add_header("Authorization", "Bearer " + args.token)
    if content_type:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.status, dict(response.headers), response.read()


def timed(label, method, path, repeat=20):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call(method, path)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    print(f"{label:<42} median {statistics.median(samples):7.1f} ms   p95 {samples[int(len(samples) * 0.95) - 1]:7.1f} ms")


words = ["spring", "launch", "garden", "tulips", "evening", "coffee", "release", "webinar", "summer", "team"]
lines = ["title,body,tags,campaign,scheduledAt,timeZone"]
bad = {args.rows // 3, args.rows // 2, args.rows - 1}
for i in range(args.rows):
    if i in bad:
        lines.append(",missing title,,,,")
    else:
        lines.append(f"Post {i} {words[i % 10]},\"{words[(i * 3) % 10]} {words[(i * 7) % 10]} number {i}\","
                     f"bulk;t{i % 20},c{i % 5},2027-04-0{1 + i % 9}T09:30,Europe/Tallinn")
payload = ("\n".join(lines) + "\n").encode()

start = time.perf_counter()
status, headers, body = call("POST", "/v1/drafts/imports", payload, "text/csv")
location = headers["Location"]
job = json.loads(body)
while job["status"] in ("queued", "running"):
    time.sleep(0.05)
    job = json.loads(call("GET", location[location.index("/v1/"):])[2])
elapsed = time.perf_counter() - start
print(f"load average {load()}")
print(f"import of {args.rows} CSV rows ({len(payload) / 1e6:.1f} MB): {elapsed:.2f} s, "
      f"{job['created'] / elapsed:,.0f} drafts/s; created {job['created']}, failed {job['failed']}, "
      f"status {job['status']}")
draft_s, all_s = copy_baseline()
rate = job["created"] / elapsed
print(f"  COPY of the same {job['created']} drafts into draft:                     {draft_s:6.2f} s, "
      f"{job['created'] / draft_s:9,.0f} rows/s; import / COPY {rate / (job['created'] / draft_s):.2f}")
print(f"  COPY of the same drafts + first revisions + history rows:        {all_s:6.2f} s, "
      f"{job['created'] / all_s:9,.0f} drafts/s; import / COPY {rate / (job['created'] / all_s):.2f}")
print(f"load average {load()}")

timed("list, first page of 50", "GET", "/v1/drafts?limit=50")
timed("list by tag, 50", "GET", "/v1/drafts?limit=50&tag=t7")
timed("list by campaign, 50", "GET", "/v1/drafts?limit=50&campaign=c3")
timed("full-text search 'tulips garden', 50", "GET", "/v1/drafts?limit=50&q=tulips%20garden")
timed("full-text search, rare word", "GET", "/v1/drafts?limit=50&q=%22number%204242%22")

for fmt in ("csv", "ndjson"):
    start = time.perf_counter()
    size = len(call("GET", f"/v1/drafts/export?format={fmt}")[2])
    elapsed = time.perf_counter() - start
    print(f"export of every draft as {fmt}: {elapsed:.2f} s, {size / 1e6:.1f} MB")
