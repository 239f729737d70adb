#!/usr/bin/env bash
# The throughput and memory benchmark (benches/throughput.rs), as in the README's
# Performance section. Generates its corpora and the 1M-claim database under
# target/bench-work on the first run (about a minute), then reuses them.
# Extra arguments go to the benchmark: --mb N, --claims N,
# --only extract|floor|ingest|queries|single-line|hostile|postgres.
# `--only postgres` puts PostgreSQL's figures beside SQLite's; it starts a throwaway
# server (scripts/pg-server.sh) unless CLAIMTRACK_BENCH_PG names one.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ " $* " == *" postgres "* && -z "${CLAIMTRACK_BENCH_PG:-}" ]]; then
  eval "$(scripts/pg-server.sh start)"
  trap 'scripts/pg-server.sh stop "$CLAIMTRACK_PG_DIR"' EXIT
  export CLAIMTRACK_BENCH_PG="$CLAIMTRACK_TEST_PG"
fi
cargo bench --locked --bench throughput -- "$@"
