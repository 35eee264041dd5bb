#!/usr/bin/env bash
# Demo corpus versus a generated large corpus on the local PostgreSQL, page by page.
# Sizes: CORPUS_DRUGS, CORPUS_CONDITIONS, CORPUS_ARTICLES (defaults 10000/3000/50000).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
export DJANGO_SETTINGS_MODULE=bench.settings PYTHONPATH=.
PY=.venv/bin/python
DEMO_DB=postgres://postgres@127.0.0.1:5432/medinfo_bench
LARGE_DB=postgres://postgres@127.0.0.1:5432/medinfo_large
mkdir -p bench/results

bash bench/prepare_corpora.sh

DATABASE_URL=$DEMO_DB $PY bench/inprocess.py > bench/results/demo.json
DATABASE_URL=$LARGE_DB $PY bench/inprocess.py > bench/results/large.json

# Ports of their own (SCALE_PORT, SCALE_PORT+1, +2 for the bare hello-world), so a
# benchmark on 8765-8778 at the same time does not collide with this run.
PORT=${SCALE_PORT:-8795}
DEMO_PORT=$PORT LARGE_PORT=$((PORT + 1)) BARE_PORT=$((PORT + 2))
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
for pair in "$DEMO_PORT $DEMO_DB" "$LARGE_PORT $LARGE_DB"; do
  read -r port database <<< "$pair"
  DATABASE_URL=$database .venv/bin/gunicorn medinfo.wsgi --workers 2 --bind 127.0.0.1:$port \
    --env DJANGO_SETTINGS_MODULE=bench.settings --log-level warning &
  pids+=($!)
done
# The bare Django hello-world (bench/barehello.py), served the same way, in the same run.
.venv/bin/gunicorn bench.barehello:application --workers 2 --worker-class sync \
  --bind 127.0.0.1:$BARE_PORT --log-level warning &
pids+=($!)
for port in $DEMO_PORT $LARGE_PORT $BARE_PORT; do
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/bench/hello/" >/dev/null && break; sleep 0.2; done
done

uptime  # the load average of the run, for the report
cd bench && ../$PY scale.py --demo-url http://127.0.0.1:$DEMO_PORT \
  --large-url http://127.0.0.1:$LARGE_PORT --bare-url http://127.0.0.1:$BARE_PORT \
  --demo-report results/demo.json --large-report results/large.json --output results/scale.md "$@"
