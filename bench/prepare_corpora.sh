#!/usr/bin/env bash
# The two PostgreSQL databases of the scale benchmarks (bench/scale.sh, bench/cache_design.sh):
# medinfo_bench (the demo) and medinfo_large (the demo plus generate_corpus, reused when
# there). Sizes: CORPUS_DRUGS, CORPUS_CONDITIONS, CORPUS_ARTICLES (defaults 10000/3000/50000).
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_SETTINGS_MODULE=bench.settings PYTHONPATH=.
PY=.venv/bin/python
DEMO_DB=postgres://postgres@127.0.0.1:5432/medinfo_bench
LARGE_DB=postgres://postgres@127.0.0.1:5432/medinfo_large

for db in medinfo_bench medinfo_large; do createdb -h 127.0.0.1 -U postgres $db 2>/dev/null || true; done
DATABASE_URL=$DEMO_DB $PY manage.py migrate --no-input -v0
DATABASE_URL=$DEMO_DB $PY manage.py load_demo
DATABASE_URL=$LARGE_DB $PY manage.py migrate --no-input -v0
DATABASE_URL=$LARGE_DB $PY manage.py load_demo
DATABASE_URL=$LARGE_DB $PY manage.py generate_corpus --if-missing \
  --drugs "${CORPUS_DRUGS:-10000}" --conditions "${CORPUS_CONDITIONS:-3000}" \
  --articles "${CORPUS_ARTICLES:-50000}"
$PY manage.py collectstatic --no-input -v0
psql -h 127.0.0.1 -U postgres -q -d medinfo_large -c "VACUUM ANALYZE" >/dev/null
