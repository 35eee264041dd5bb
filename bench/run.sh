#!/usr/bin/env bash
# One command: build the demo database on the local PostgreSQL, start gunicorn
# (2 sync workers, production settings, DEBUG off) and load it with wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
# --help answers before anything is built or started.
case " $* " in *" --help "* | *" -h "*) exec .venv/bin/python bench/run.py --help ;; esac

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
bin/ensure-tools varnish  # varnishd and the xkey vmod, as the Varnish test uses them
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
# Varnish with the repository's VCL in front of the site's gunicorn (as deployed; README).
VARNISH_PORT=$((PORT + 2))
VARNISH_DIR=$(mktemp -d /tmp/medinfo-bench-varnish-XXXXXX)
chmod 755 "$VARNISH_DIR"  # the varnish worker runs as its own user
sed "s/\.port = \"8000\";/.port = \"$PORT\";/" deploy/varnish/medinfo.vcl > "$VARNISH_DIR/medinfo.vcl"
/usr/sbin/varnishd -F -n "$VARNISH_DIR/work" -f "$VARNISH_DIR/medinfo.vcl" \
  -a 127.0.0.1:$VARNISH_PORT -T 127.0.0.1:$((PORT + 3)) -s malloc,64m > "$VARNISH_DIR/log" 2>&1 &
VARNISH=$!
trap 'kill $GUNICORN $BARE $VARNISH 2>/dev/null || true; wait $GUNICORN $BARE $VARNISH 2>/dev/null || true; rm -rf "$VARNISH_DIR"' EXIT
for url in "http://127.0.0.1:$PORT/bench/hello/" "http://127.0.0.1:$BARE_PORT/bench/hello/" \
  "http://127.0.0.1:$VARNISH_PORT/bench/hello/"; do
  for _ in $(seq 1 50); do curl -sf "$url" >/dev/null && break; sleep 0.2; done
done

.venv/bin/python bench/run.py --base-url "http://127.0.0.1:$PORT" \
  --bare-url "http://127.0.0.1:$BARE_PORT" --varnish-url "http://127.0.0.1:$VARNISH_PORT" "$@"
