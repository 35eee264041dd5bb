"""Cache design: the tag graph against Django's cache middleware, in one run (issue #11).

For each corpus, starts one gunicorn server per design (2 sync workers each, its own
Redis databases), checks that both serve the same HTML, and measures, interleaving
the designs:

(a) cached pages (anonymous) and (c) misses with warm fragments (a session cookie
    makes the whole-page cache step aside), as requests/s and as CPU time of the
    server's workers per request, each a ratio to the same server's hello-world; plus
    the in-process cost of a miss (bench/cache_inprocess.py);
(b) a random mix of pages (bench/cache_paths.py) while bench/publisher.py publishes
    one article every N seconds: requests/s and the share answered by the page cache.

Writes results/cache_design.md and .json. See bench/README.md.
"""

import argparse
import contextlib
import json
import os
import re
import statistics
import subprocess  # runs gunicorn, wrk, redis-cli and the helper scripts  # nosec B404
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from cache_report import render
from run import run_wrk

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DESIGNS = {
    "tag graph": {"settings": "bench.settings_taggraph", "port": 8771, "redis": {"REDIS_URL": 10}},
    "cache middleware": {
        "settings": "bench.settings_simplecache",
        "port": 8772,
        "redis": {"REDIS_URL": 11, "SIMPLECACHE_PAGES_REDIS_URL": 12},
    },
}
PAGES = {
    "article": "/drugs/milnacipran/uses/",
    "drug hub": "/drugs/milnacipran/",
    "condition": "/conditions/fibromyalgia/",
    "A–Z letter": "/drugs/?letter=M",
}
UNCACHED = ["-H", "Cookie: sessionid=bench"]
LOAD = {"connections": 16, "threads": 2}
# Every process of a run shares one cache key prefix; by default it is a hash of the
# templates, which may change (other work in the tree) between two processes' start.
RELEASE = f"cache-design-{int(time.time())}"
MASTERS = {}  # design -> its gunicorn master process


def environment(design, database_url, redis):
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    env.update({"DJANGO_SETTINGS_MODULE": DESIGNS[design]["settings"], "MEDINFO_RELEASE": RELEASE})
    env.update({name: f"{redis}/{db}" for name, db in DESIGNS[design]["redis"].items()})
    return env


def output_of(command, env):
    """The standard output of a local tool or helper script, which must succeed."""
    done = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603  # nosec B603
    if done.returncode:
        raise RuntimeError(f"{command} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def flush(design, redis):
    for db in DESIGNS[design]["redis"].values():
        output_of(["redis-cli", "-u", f"{redis}/{db}", "flushdb"], os.environ)


def keys(design, redis):
    """How many keys each of the design's Redis databases holds."""
    return {
        "pages" if "PAGES" in name else "default": int(
            output_of(["redis-cli", "-u", f"{redis}/{db}", "dbsize"], os.environ)
        )
        for name, db in DESIGNS[design]["redis"].items()
    }


def url(design):
    return f"http://127.0.0.1:{DESIGNS[design]['port']}"


def worker_cpu_seconds(design):
    """User plus system CPU time of the design's gunicorn workers so far."""
    master = MASTERS[design].pid
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    ticks = 0
    for pid in children:
        with contextlib.suppress(FileNotFoundError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def servers(database_url, redis, log):
    """Both designs' gunicorn servers on this corpus, with empty caches."""
    try:
        for design, spec in DESIGNS.items():
            flush(design, redis)
            command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "medinfo.wsgi", "--workers", "2",
                       "--bind", f"127.0.0.1:{spec['port']}", "--log-level", "warning"]  # fmt: skip
            env = environment(design, database_url, redis)
            MASTERS[design] = subprocess.Popen(command, cwd=ROOT, env=env, stderr=log)  # noqa: S603  # nosec B603
        for design in DESIGNS:
            wait_for(url(design) + "/bench/hello/")
        yield
    finally:
        for process in MASTERS.values():
            process.terminate()
            process.wait()
        MASTERS.clear()


def wait_for(address):
    for _ in range(100):
        with contextlib.suppress(OSError), urllib.request.urlopen(address, timeout=2):  # noqa: S310  # nosec B310
            return
        time.sleep(0.2)
    raise RuntimeError(f"{address} did not answer")


def body(design, path, headers=None):
    request = urllib.request.Request(url(design) + path, headers=headers or {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310  # nosec B310
        # Pages carry absolute addresses, which name the server's port.
        return re.sub(r"\s+", " ", response.read().decode()).replace(url(design), "http://SERVER")


def check_same_html(paths):
    """Both designs must serve the same pages, cached and not, or the comparison is void."""
    for path in paths:
        for headers in ({}, {"Cookie": "sessionid=bench"}, {}):
            pages = {design: body(design, path, headers) for design in DESIGNS}
            if len(set(pages.values())) != 1:
                raise RuntimeError(f"The designs serve different HTML at {path} ({headers})")


def measured_wrk(design, path, extra, seconds):
    """run_wrk's figures plus the workers' CPU milliseconds per request."""
    before = worker_cpu_seconds(design)
    row = run_wrk(url(design), path, extra, seconds=seconds, **LOAD)
    row["cpu_ms"] = 1000 * (worker_cpu_seconds(design) - before) / (row["rps"] * seconds)
    return row


def page_runs(seconds, rounds):
    """hello-world, then each page cached and uncached: the designs interleaved, taking turns
    to go first, in ``rounds`` rounds; the median of each figure."""
    targets = [("hello", "/bench/hello/", [])] + [
        (f"{label}, {mode}", path, extra)
        for label, path in PAGES.items()
        for mode, extra in (("cached", []), ("uncached", UNCACHED))
    ]
    runs = {design: {label: [] for label, _, _ in targets} for design in DESIGNS}
    for round_number in range(rounds):
        designs = list(DESIGNS)[:: -1 if round_number % 2 else 1]
        for label, path, extra in targets:
            for design in designs:
                run_wrk(url(design), path, extra, seconds=1, **LOAD)  # warm-up
                runs[design][label].append(measured_wrk(design, path, extra, seconds))
    return {
        design: {label: summary(rows) for label, rows in labels.items()}
        for design, labels in runs.items()
    }


def summary(rows):
    return {
        "rps": statistics.median(row["rps"] for row in rows),
        "cpu_ms": statistics.median(row["cpu_ms"] for row in rows),
        "rps_runs": [row["rps"] for row in rows],
        "cpu_ms_runs": [row["cpu_ms"] for row in rows],
        "non_2xx": sum(row["non_2xx"] for row in rows),
        "socket_errors": sum(row["socket_errors"] for row in rows),
    }


def mix_run(design, paths, seconds):
    env = {**os.environ, "CACHE_MIX_PATHS": str(paths)}
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(ROOT / "bench" / "cache_mix.lua"), url(design)]  # fmt: skip
    before = worker_cpu_seconds(design)
    row = json.loads(output_of(command, env).strip().splitlines()[-1])
    row["cpu_ms"] = 1000 * (worker_cpu_seconds(design) - before) / max(row["requests"], 1)
    return row


def fill(design, paths):
    """Request every page of the mix once, eight at a time, so the runs start warm."""
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda path: body(design, path), paths))


def publication_runs(database_url, redis, paths, rates, seconds):
    """The page mix at each publication rate (0: none), designs interleaved."""
    for design in DESIGNS:
        fill(design, paths.read_text().split())
    results = {design: {} for design in DESIGNS}
    for every in rates:
        for design in DESIGNS:
            publisher = None
            if every:
                command = [PYTHON, str(ROOT / "bench" / "publisher.py"), "--every", str(every),
                           "--seconds", str(seconds)]  # fmt: skip
                publisher = subprocess.Popen(  # noqa: S603  # nosec B603
                    command, env=environment(design, database_url, redis), stdout=subprocess.PIPE,
                    text=True,
                )  # fmt: skip
            row = mix_run(design, paths, seconds)
            if publisher:
                row["publisher"] = json.loads(publisher.communicate()[0])
            results[design][str(every)] = row
    return results


def inprocess(design, database_url, redis):
    flush(design, redis)
    command = [PYTHON, str(ROOT / "bench" / "cache_inprocess.py")]
    return json.loads(output_of(command, environment(design, database_url, redis)))


def measure(corpus, database_url, args, log):
    paths = args.output.with_name(f"cache_design_paths_{corpus}.txt")
    env = environment("tag graph", database_url, args.redis)
    listing = output_of([PYTHON, str(ROOT / "bench" / "cache_paths.py")], env)
    paths.write_text(listing)
    result = {"paths": len(listing.split()), "load_before": os.getloadavg()}
    result["inprocess"] = {
        design: inprocess(design, database_url, args.redis) for design in DESIGNS
    }
    with servers(database_url, args.redis, log):
        mix = listing.split()
        check_same_html([*PAGES.values(), *mix[:: max(1, len(mix) // 40)]])
        result["pages"] = page_runs(args.seconds, args.rounds)
        result["mix"] = publication_runs(
            database_url, args.redis, paths, args.rates, args.mix_seconds
        )
        result["keys"] = {design: keys(design, args.redis) for design in DESIGNS}
    result["load_after"] = os.getloadavg()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", action="append", required=True, help="name=DATABASE_URL")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379", help="Redis without a db")
    parser.add_argument("--seconds", type=int, default=6, help="each page run")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of page runs (median)")
    parser.add_argument("--mix-seconds", type=int, default=40, help="each page-mix run")
    parser.add_argument("--rates", type=float, nargs="+", default=[0, 10, 3],
                        help="seconds between publications (0: none)")  # fmt: skip
    parser.add_argument("--output", type=Path, default=Path("results/cache_design.json"))
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    report = {}
    with args.output.with_suffix(".log").open("w") as log:
        for corpus in args.corpus:
            name, database_url = corpus.split("=", 1)
            report[name] = measure(name, database_url, args, log)
    args.output.write_text(json.dumps(report, indent=1))
    markdown = render(report)
    args.output.with_suffix(".md").write_text(markdown)
    print(markdown)
    errors = [
        (name, design, label)
        for name, corpus in report.items()
        for design in DESIGNS
        for label, row in [*corpus["pages"][design].items(), *corpus["mix"][design].items()]
        if row.get("non_2xx") or row.get("socket_errors") or row.get("errors")
    ]
    if errors:
        print(f"Failed requests in: {errors}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
