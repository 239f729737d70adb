#!/usr/bin/env bash
# The crash test of tests/crash.rs, longer: kill -9 an ingest many more times
# (KILLS, default 200) on a bigger generated corpus (MB, default 120), checking
# integrity and whole articles after every kill. Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
CRASH_KILLS="${KILLS:-200}" CRASH_CORPUS_MB="${MB:-120}" \
  cargo test --locked --test crash -- --nocapture
