#!/usr/bin/env bash
# Cache design: the tag graph against Django's cache middleware on a dedicated alias cleared
# on publication, on the demo and the large corpus, in one run (bench/README.md).
#   bash bench/cache_design.sh [--seconds 8] [--mix-seconds 30] [--rates 0 10 3]
# Needs Redis at CACHE_DESIGN_REDIS (default redis://127.0.0.1:6379); databases 10, 11
# and 12 of it are flushed.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
REDIS=${CACHE_DESIGN_REDIS:-redis://127.0.0.1:6379}
redis-cli -u "$REDIS" ping >/dev/null || { echo "Redis does not answer at $REDIS"; exit 1; }
bash bench/prepare_corpora.sh

cd bench && ../.venv/bin/python cache_design.py --redis "$REDIS" \
  --corpus demo=postgres://postgres@127.0.0.1:5432/medinfo_bench \
  --corpus large=postgres://postgres@127.0.0.1:5432/medinfo_large "$@"
