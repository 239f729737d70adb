#!/usr/bin/env bash
# The throughput and memory benchmark (benches/throughput.rs), as in the README's
# Performance section. Generates its corpora and the 1M-claim database under
# target/bench-work on the first run (about a minute), then reuses them.
# Extra arguments go to the benchmark: --mb N, --claims N, --only extract|floor|ingest|queries|single-line.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --locked --bench throughput -- "$@"
