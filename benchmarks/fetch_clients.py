"""Which HTTP client fetches pages for Sidebyside: urllib3 (already installed, trafilatura's own
HTTP layer) against httpx, on the same local pages (no network).

Prints, for each client: import time (a fresh interpreter, median of 5), the time to fetch
N pages of ~60 KB (half of them gzip) with 8 threads from a local server that answers after
a 20 ms delay (median of 5 rounds), and the peak memory of that run. httpx is optional: install
it anywhere on the path to compare (``pip install --target /tmp/hx httpx`` and
``PYTHONPATH=/tmp/hx``); the project never needs it.

    python benchmarks/fetch_clients.py [--pages 60]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = ("<html><head><title>Story</title></head><body><article>"
        + "<p>The council met on Monday and voted to approve the budget for next year.</p>" * 750
        + "</article></body></html>").encode()
ZIPPED = gzip.compress(PAGE)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        time.sleep(0.02)
        body = ZIPPED if "gz" in self.path else PAGE
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if "gz" in self.path:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def import_time(module: str) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_urllib3(urls: list[str]) -> int:
    from sidebyside.core.fetch import fetch_many

    return sum(len(r.body) for r in fetch_many(urls, workers=8))  # type: ignore[union-attr]


def run_httpx(urls: list[str]) -> int:
    import httpx

    with httpx.Client(timeout=httpx.Timeout(20, connect=10), follow_redirects=True,
                      limits=httpx.Limits(max_connections=8)) as client:
        def one(url: str) -> int:
            return len(client.get(url).content)

        with ThreadPoolExecutor(8) as pool:
            return sum(pool.map(one, urls))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=60)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [f"{base}/{'gz' if i % 2 else 'plain'}/{i}" for i in range(args.pages)]
    clients = [("urllib3", "urllib3", run_urllib3)]
    try:
        import httpx  # noqa: F401

        clients.append(("httpx", "httpx", run_httpx))
    except ImportError:
        print("httpx is not installed: only urllib3 is measured")
    import tracemalloc

    for name, module, run in clients:
        run(urls[:4])  # warm the pool
        rounds = []
        for _ in range(5):
            start = time.perf_counter()
            size = run(urls)
            rounds.append(time.perf_counter() - start)
        tracemalloc.start()
        run(urls)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{name:8} import {import_time(module) * 1000:6.0f} ms   {args.pages} pages "
              f"({size / 1e6:.1f} MB) in {statistics.median(rounds) * 1000:6.0f} ms median   "
              f"peak {peak / 1e6:.1f} MB")
    server.shutdown()


if __name__ == "__main__":
    main()
