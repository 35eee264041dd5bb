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

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
for pair in "8765 $DEMO_DB" "8766 $LARGE_DB"; do
  read -r port database <<< "$pair"
  DATABASE_URL=$database .venv/bin/gunicorn medinfo.wsgi --workers 2 --bind 127.0.0.1:$port \
    --env DJANGO_SETTINGS_MODULE=bench.settings --log-level warning &
  pids+=($!)
done
for port in 8765 8766; do
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/bench/hello/" >/dev/null && break; sleep 0.2; done
done

cd bench && ../$PY scale.py --demo-url http://127.0.0.1:8765 --large-url http://127.0.0.1:8766 \
  --demo-report results/demo.json --large-report results/large.json --output results/scale.md "$@"
