"""Run wrk against gunicorn and report requests per second, latency and ratios to hello-world.

Usage: see bench/README.md (``make bench``).
"""

import argparse
import re
import subprocess  # runs wrk, a fixed local tool  # nosec B404
import sys
from pathlib import Path

BARE = "bare Django hello-world"
GZIP = ["-H", "Accept-Encoding: gzip"]  # what every browser (and CDN) asks for
TARGETS = [
    # (label, server, path, extra wrk arguments). Servers: "bare" is bench/barehello.py,
    # "site" the site's gunicorn, "varnish" Varnish with deploy/varnish/medinfo.vcl in
    # front of that gunicorn.
    (BARE, "bare", "/bench/hello/", []),
    ("hello-world", "site", "/bench/hello/", []),
    # A session cookie makes the page cache step aside, as it does for logged-in staff
    # (and the page is then never compressed: it could hold a secret).
    ("article, uncached", "site", "/drugs/milnacipran/uses/", ["-H", "Cookie: sessionid=bench", *GZIP]),
    ("article, cached", "site", "/drugs/milnacipran/uses/", GZIP),
    ("article, cached, no gzip", "site", "/drugs/milnacipran/uses/", []),
    ("article, through Varnish", "varnish", "/drugs/milnacipran/uses/", GZIP),
]  # fmt: skip
# Issue #15's targets, as ratios to the bare Django hello-world measured in the same run.
TARGET_RATIOS = {
    "article, uncached": 0.50,
    "article, cached": 0.90,
    "article, through Varnish": 3.00,
}


def run_wrk(base_url, path, extra, *, seconds, connections, threads):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", *extra]
    output = subprocess.run(  # noqa: S603 - wrk with arguments built above  # nosec B603
        [*command, base_url + path], capture_output=True, text=True, check=True
    ).stdout
    return parse_wrk(output)


def _milliseconds(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def parse_wrk(output):
    """Requests/s, p50 and p99 latency (ms) and the non-2xx/3xx and socket error counts."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _milliseconds(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = _milliseconds(re.search(r"\s99%\s+(\S+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }


def table(results):
    baseline, bare = results["hello-world"]["rps"], results[BARE]["rps"]
    lines = [
        "| page | requests/s | p50 ms | p99 ms | × hello-world | × bare hello "
        "| target (× bare hello) | non-2xx | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, row in results.items():
        target = TARGET_RATIOS.get(label)
        lines.append(
            f"| {label} | {row['rps']:.0f} | {row['p50']:.2f} | {row['p99']:.2f} "
            f"| {row['rps'] / baseline:.2f} | {row['rps'] / bare:.2f} "
            f"| {f'≥ {target:.2f}' if target else '—'} "
            f"| {row['non_2xx']} | {row['socket_errors']} |"
        )
    return "\n".join(lines)


def median_round(rounds):
    """The round with the median requests/s (its latencies stay together with it)."""
    ordered = sorted(rounds, key=lambda row: row["rps"])
    median = ordered[len(ordered) // 2]
    return {
        **median,
        "non_2xx": sum(row["non_2xx"] for row in rounds),
        "socket_errors": sum(row["socket_errors"] for row in rounds),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", default="http://127.0.0.1:8765")
    parser.add_argument("--bare-url", default="http://127.0.0.1:8766", help="bench/barehello.py")
    parser.add_argument("--varnish-url", default="http://127.0.0.1:8767")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved; the median is kept")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--output", type=Path, default=Path("bench/results/latest.md"))
    args = parser.parse_args()
    servers = {"bare": args.bare_url, "site": args.base_url, "varnish": args.varnish_url}
    wrk = {"connections": args.connections, "threads": args.threads}
    for _label, server, path, extra in TARGETS:  # warm-up: caches filled, workers started
        run_wrk(servers[server], path, extra, seconds=2, **wrk)
    rounds = {label: [] for label, *_ in TARGETS}
    # Interleaved, so a slower minute of the machine lowers every row alike.
    for _ in range(args.rounds):
        for label, server, path, extra in TARGETS:
            rounds[label].append(run_wrk(servers[server], path, extra, seconds=args.seconds, **wrk))
    results = {label: median_round(measured) for label, measured in rounds.items()}
    report = table(results)
    print(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report + "\n")
    failed = [
        label
        for label, target in TARGET_RATIOS.items()
        if results[label]["rps"] / results[BARE]["rps"] < target
    ]
    errors = sum(row["non_2xx"] + row["socket_errors"] for row in results.values())
    if failed or errors:
        print(f"Below target: {', '.join(failed) or 'none'}; errors: {errors}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
