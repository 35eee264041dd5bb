#!/usr/bin/env bash
# Load test: wrk for 60 s at 32 connections against gunicorn (production settings, 2 sync
# workers, PostgreSQL, Redis when it answers) over a mix of real pages. Fails on any
# socket error or any response that is not 2xx or 3xx.
#   bash bench/load.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_TO_RUN=${1:-60}
CONNECTIONS=${2:-32}
PORT=${LOAD_PORT:-8767}
BASE=http://127.0.0.1:$PORT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
export DJANGO_SETTINGS_MODULE=bench.settings
export DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/medinfo_bench}
# Two workers share their page cache only through Redis, as in production.
if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  export REDIS_URL=${LOAD_REDIS_URL:-redis://127.0.0.1:6379/13}
  redis-cli -u "$REDIS_URL" flushdb >/dev/null
fi

createdb -h 127.0.0.1 -U postgres medinfo_bench 2>/dev/null || true
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo >/dev/null
.venv/bin/python manage.py collectstatic --no-input -v0
# Slots target by row id, as the milnacipran article's slots carry them.
AD_TARGETING=$(.venv/bin/python manage.py shell -c 'from drugs.models import Drug
d = Drug.objects.get(slug="milnacipran"); print(f"drug={d.pk}&class={d.drug_class_id}")')

WORK=$(mktemp -d)
.venv/bin/gunicorn medinfo.wsgi --workers 2 --worker-class sync --bind 127.0.0.1:$PORT \
  --env DJANGO_SETTINGS_MODULE=bench.settings --log-level warning 2>"$WORK/gunicorn.log" &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true; wait $GUNICORN 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done

# The mix: every page in the sitemap (articles, drug and condition hubs), the A–Z indexes,
# searches, machine-readable files, an ad request and the health check.
{
  printf '%s\n' / /drugs/ /conditions/ "/drugs/?letter=M" "/conditions/?letter=D" \
    "/search/?q=milnacipran" "/search/?q=pain" "/search/?q=blood+pressure" "/search/?q=zzyzx" \
    /sitemap.xml /feeds/latest/ /robots.txt /ads.txt /healthz \
    "/ads/serve/?placement=article-top&size=728x90&$AD_TARGETING"
  for section in $(curl -sf "$BASE/sitemap.xml" | grep -o '<loc>[^<]*</loc>' | sed 's/<[^>]*>//g'); do
    echo "${section#"$BASE"}"
    curl -sf "$section" | grep -o '<loc>[^<]*</loc>' | sed "s/<[^>]*>//g; s#^$BASE##"
  done
} | sort -u > "$WORK/paths"
echo "$(wc -l < "$WORK/paths") distinct paths; ${SECONDS_TO_RUN}s at $CONNECTIONS connections;" \
  "cache: ${REDIS_URL:-local memory}"

# Every path must answer 2xx or 3xx before the run, so a failure names its URL.
while read -r path; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
  [[ $status =~ ^[23] ]] || { echo "FAIL: $path answered $status before the run"; exit 1; }
done < "$WORK/paths"

RESULT=$(LOAD_PATHS="$WORK/paths" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_TO_RUN}s" --timeout 10s \
  -s bench/load.lua "$BASE" | tail -n 1)
echo "$RESULT"
.venv/bin/python - "$RESULT" <<'PY'
import json
import sys

r = json.loads(sys.argv[1])
print("| requests | requests/s | p50 ms | p99 ms | max ms | socket errors | non-2xx/3xx |")
print("|---:|---:|---:|---:|---:|---:|---:|")
print(f"| {r['requests']} | {r['requests_per_second']:.0f} | {r['p50_ms']:.1f} | "
      f"{r['p99_ms']:.1f} | {r['max_ms']:.0f} | {r['socket_errors']} | {r['non_2xx_3xx']} |")
if r["socket_errors"] or r["non_2xx_3xx"]:
    sys.exit("FAIL: socket errors or responses other than 2xx/3xx")
PY
if grep -q "Traceback\|Internal Server Error" "$WORK/gunicorn.log"; then
  echo "FAIL: the server logged errors:"; cat "$WORK/gunicorn.log"; exit 1
fi
