#!/usr/bin/env bash
# Memory: one gunicorn worker's resident memory across 100,000 requests over random pages
# of the large corpus (bench/scale.sh builds it). Fails when it grows by more than 10 %.
#   bash bench/memory.sh [total requests]
set -euo pipefail
cd "$(dirname "$0")/.."

TOTAL=${1:-100000}
PORT=${MEMORY_PORT:-8768}
BASE=http://127.0.0.1:$PORT
export DJANGO_SETTINGS_MODULE=bench.settings PYTHONPATH=.
export DATABASE_URL=${MEMORY_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/medinfo_large}

WORK=$(mktemp -d)
.venv/bin/gunicorn medinfo.wsgi --workers 1 --bind 127.0.0.1:$PORT \
  --env DJANGO_SETTINGS_MODULE=bench.settings --log-level warning &
MASTER=$!
trap 'kill $MASTER 2>/dev/null || true; wait $MASTER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
WORKER=$(pgrep -P "$MASTER" | head -n 1)

# 3,000 random article pages plus hubs, A–Z letters and searches.
.venv/bin/python - > "$WORK/paths" <<'PY'
import django

django.setup()
from medinfo.models import Article, PublicName

for article in Article.objects.live().select_related("drug", "condition").order_by("?")[:3000]:
    print(article.get_absolute_url())
for name in PublicName.objects.filter(kind__in=["generic", "condition"]).order_by("?")[:1000]:
    print(name.get_absolute_url())
for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    print(f"/drugs/?letter={letter}")
    print(f"/conditions/?letter={letter}")
for name in PublicName.objects.order_by("?")[:300]:
    print("/search/?q=" + name.sort_name.split()[0].strip("®™"))
PY

rss() { awk '/VmRSS/ {print $2}' "/proc/$WORKER/status"; }
run() { LOAD_PATHS="$WORK/paths" wrk -t1 -c4 -d"$1" -s bench/load.lua "$BASE" | tail -n 1; }
run 15s > /dev/null
START=$(rss); DONE=0
echo "worker $WORKER: ${START} kB after warm-up"
while [ "$DONE" -lt "$TOTAL" ]; do
  COUNT=$(run 30s | .venv/bin/python -c "import json,sys; print(json.load(sys.stdin)['requests'])")
  DONE=$((DONE + COUNT))
  echo "$DONE requests: $(rss) kB"
done
END=$(rss)
.venv/bin/python - "$START" "$END" "$DONE" <<'PY'
import sys

start, end, done = map(int, sys.argv[1:])
growth = (end - start) / start
print(f"| requests | RSS after warm-up | RSS at the end | growth |\n|---:|---:|---:|---:|\n"
      f"| {done} | {start / 1024:.1f} MiB | {end / 1024:.1f} MiB | {growth:+.1%} |")
sys.exit(0 if growth <= 0.10 else "FAIL: the worker grew by more than 10 %")
PY
