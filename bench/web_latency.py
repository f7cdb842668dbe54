"""Latency and throughput of the web face, warm, on loopback.

For each store: ``dateline serve`` runs in its own process on a free loopback port; each
route (the story page, the timeline API with ``top=20``, the brief API, search, an article
page) is read once to warm it (the story's views are made and kept), then ``--requests``
times, one at a time: p50 and p95 of the wall time of each request, as the client sees it.
Then ``--clients`` threads read the story page for ``--seconds`` (each its own keep-alive
connection): requests per second, and any answer that is not 200 counts as an error.

    python bench/web_latency.py --db demo.db --db topic.db [--requests 50] [--clients 8]
        [--seconds 30] [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from common import write_section

SECTION = "## Web face: latency and throughput (issue #14)"
GOAL = {"search": 0.300}  # p95 goal in seconds; every other route: 0.150
PAGE_GOAL = 0.150


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db: str, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "dateline", "serve", "--db", db, "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories?limit=1", timeout=2).is_success:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.kill()
    raise SystemExit(f"dateline serve --db {db} did not start")


def routes(client: httpx.Client) -> dict[str, str]:
    """The paths measured: the largest story's page and views, a search for a word of its
    title, and the page of its latest article."""
    story = client.get("/api/stories", params={"limit": 1}).json()["items"][0]
    words = re.findall(r"[A-Za-z]{4,}", story["title"]) or ["news"]
    page = client.get(f"/stories/{story['id']}").text
    article = re.search(r'href="/articles/([0-9a-f]+)"', page)
    return {
        "story page": f"/stories/{story['id']}",
        "timeline API (top=20)": f"/api/stories/{story['id']}/timeline?top=20",
        "brief API": f"/api/stories/{story['id']}/brief",
        "search": f"/api/search?q={words[0]}",
        "article page": f"/articles/{article[1]}" if article else "/",
    }


def latency(client: httpx.Client, path: str, requests: int) -> tuple[float, float, float]:
    """Seconds of the first (cold) read, then p50 and p95 of ``requests`` warm reads."""
    started = time.perf_counter()
    client.get(path).raise_for_status()
    cold = time.perf_counter() - started
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path).raise_for_status()
        times.append(time.perf_counter() - started)
    times.sort()
    return cold, statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)]


def throughput(base: str, path: str, clients: int, seconds: float) -> tuple[float, int, int]:
    """Requests per second of ``clients`` threads reading ``path``; answers, errors."""
    done, errors, lock = [0], [0], threading.Lock()
    stop = time.monotonic() + seconds

    def read() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < stop:
                try:
                    ok = client.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                with lock:
                    done[0] += 1
                    errors[0] += not ok

    threads = [threading.Thread(target=read) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / (time.monotonic() - started), done[0], errors[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", required=True, help="store (repeat)")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    rows, loads = [], []
    for db in args.db:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = serve(db, port)
        try:
            with httpx.Client(base_url=base, timeout=120) as client:
                story = client.get("/api/stories", params={"limit": 1}).json()["items"][0]
                size = f"{story['articles']} articles"
                measured = routes(client)
                for name, path in measured.items():
                    cold, p50, p95 = latency(client, path, args.requests)
                    goal = GOAL.get(name, PAGE_GOAL)
                    met = "yes" if p95 < goal else "no"
                    rows.append(
                        f"| {Path(db).name} ({size}) | {name} | {cold * 1000:.0f} | "
                        f"{p50 * 1000:.1f} | {p95 * 1000:.1f} | {met} |"
                    )
                    print(rows[-1], flush=True)
            rate, answered, errors = throughput(
                base, measured["story page"], args.clients, args.seconds
            )
            loads.append(
                f"| {Path(db).name} | {args.clients} | {args.seconds:.0f} | {rate:.1f} | "
                f"{answered} | {errors} |"
            )
            print(loads[-1], flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    if args.results:
        lines = [
            SECTION,
            "",
            f"Command: `python bench/web_latency.py {' '.join('--db ' + d for d in args.db)} "
            f"--requests {args.requests} --clients {args.clients} --seconds {args.seconds:.0f}"
            " --results bench/RESULTS.md`",
            "",
            f"Machine: {os.cpu_count()} cores shared by server and clients, CPython "
            f"{sys.version.split()[0]}, SQLite. Date: {datetime.now(UTC).date().isoformat()}. "
            + __doc__.split("\n\n")[1].replace("\n", " "),
            "",
            "| store | route | first read (ms) | p50 warm (ms) | p95 warm (ms) | p95 goal met |",
            "|---|---|---:|---:|---:|---|",
            *rows,
            "",
            "Goal: p95 under 150 ms for every page and API read, under 300 ms for search.",
            "",
            "| store | clients | seconds | story pages/s | answers | errors |",
            "|---|---:|---:|---:|---:|---:|",
            *loads,
            "",
        ]
        write_section(args.results, SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
