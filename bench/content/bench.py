"""Figures of content-service's bulk paths: import job throughput, list, full-text search and export."""
import argparse
import json
import statistics
import time
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--url", required=True)
parser.add_argument("--token", required=True)
parser.add_argument("--rows", type=int, default=10000)
args = parser.parse_args()


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
print(f"import of {args.rows} CSV rows ({len(payload) / 1e6:.1f} MB): {elapsed:.2f} s, "
      f"{job['created'] / elapsed:,.0f} drafts/s; created {job['created']}, failed {job['failed']}, "
      f"status {job['status']}")

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
