"""Markdown tables of bench/cache_design.py's measurements (one section per corpus)."""

TAG, SIMPLE = "tag graph", "cache middleware"


def render(report):
    sections = [
        f"## {name} corpus ({corpus['paths']} pages in the mix)\n\n"
        f"Load average (1, 5, 15 min) before {load(corpus['load_before'])}, "
        f"after {load(corpus['load_after'])}.\n\n"
        f"{pages_table(corpus['pages'])}\n\n{inprocess_table(corpus['inprocess'])}\n\n"
        f"{mix_table(corpus['mix'], corpus['pages'])}\n\n"
        f"Keys in Redis after the mix: {key_counts(corpus['keys'])}."
        for name, corpus in report.items()
    ]
    return (
        "# Cache design: tag graph vs Django's cache middleware\n\n" + "\n\n".join(sections) + "\n"
    )


def key_counts(keys):
    return "; ".join(
        f"{design}: " + ", ".join(f"{count} ({alias})" for alias, count in aliases.items())
        for design, aliases in keys.items()
    )


def load(averages):
    return "/".join(f"{value:.1f}" for value in averages)


def pages_table(pages):
    """Requests/s and workers' CPU ms per request, each also as a ratio to hello-world."""
    hello = pages[TAG]["hello"], pages[SIMPLE]["hello"]
    rows = [
        "| page | tag graph req/s | × hello | CPU ms | × hello | middleware req/s | × hello "
        "| CPU ms | × hello | middleware ÷ tag graph: req/s | CPU capacity |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label in pages[TAG]:
        tag, simple = pages[TAG][label], pages[SIMPLE][label]
        cells = []
        for row, base in ((tag, hello[0]), (simple, hello[1])):
            cells += [f"{row['rps']:.0f}", f"{row['rps'] / base['rps']:.2f}",
                      f"{row['cpu_ms']:.2f}", f"{base['cpu_ms'] / row['cpu_ms']:.2f}"]  # fmt: skip
        cells += [f"{simple['rps'] / tag['rps']:.2f}", f"{tag['cpu_ms'] / simple['cpu_ms']:.2f}"]
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def inprocess_table(inprocess):
    rows = [
        "| page (in process) | tag graph: empty caches | tag graph: miss | middleware: empty caches "
        "| middleware: miss |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, tag in inprocess[TAG].items():
        simple = inprocess[SIMPLE][label]
        cells = [
            f"{row[f'{kind}_queries']} q, {row[f'{kind}_ms']:.1f} ms"
            for row in (tag, simple)
            for kind in ("cold", "miss")
        ]
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def mix_table(mix, pages):
    rows = [
        "| publications | design | req/s | × hello | page-cache hits | CPU ms/request "
        "| p50 ms | p99 ms | publications run, mean ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for every in mix[TAG]:
        for design in (TAG, SIMPLE):
            row = mix[design][every]
            hits = 1 - row["rendered"] / max(row["answered"], 1)
            hello = pages[design]["hello"]["rps"]
            publisher = row.get("publisher")
            published = (
                f"{publisher['publications']}, {publisher['mean_ms']:.0f}" if publisher else "—"
            )
            rate = f"one every {float(every):g} s" if float(every) else "none"
            rows.append(
                f"| {rate} | {design} | {row['requests_per_second']:.0f} "
                f"| {row['requests_per_second'] / hello:.2f} | {hits:.1%} | {row['cpu_ms']:.2f} "
                f"| {row['p50_ms']:.1f} "
                f"| {row['p99_ms']:.1f} | {published} |"
            )
    return "\n".join(rows)
