#!/usr/bin/env bash
# One command: build the demo database on the local PostgreSQL, start gunicorn
# (2 sync workers, production settings, DEBUG off) and load it with wrk.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
export DJANGO_SETTINGS_MODULE=bench.settings
export DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/medinfo_bench}
PORT=${BENCH_PORT:-8765}

createdb -h 127.0.0.1 -U postgres medinfo_bench 2>/dev/null || true
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo
.venv/bin/python manage.py collectstatic --no-input -v0

BARE_PORT=$((PORT + 1))
.venv/bin/gunicorn medinfo.wsgi --workers 2 --worker-class sync --bind 127.0.0.1:$PORT \
  --env DJANGO_SETTINGS_MODULE=bench.settings --log-level warning &
GUNICORN=$!
# The bare Django hello-world (bench/barehello.py), served the same way, in the same run.
.venv/bin/gunicorn bench.barehello:application --workers 2 --worker-class sync \
  --bind 127.0.0.1:$BARE_PORT --log-level warning &
BARE=$!
trap 'kill $GUNICORN $BARE 2>/dev/null || true; wait $GUNICORN $BARE 2>/dev/null || true' EXIT
for url in "http://127.0.0.1:$PORT/bench/hello/" "http://127.0.0.1:$BARE_PORT/bench/hello/"; do
  for _ in $(seq 1 50); do curl -sf "$url" >/dev/null && break; sleep 0.2; done
done

.venv/bin/python bench/run.py --base-url "http://127.0.0.1:$PORT" \
  --bare-url "http://127.0.0.1:$BARE_PORT" "$@"
