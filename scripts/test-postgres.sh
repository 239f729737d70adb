#!/usr/bin/env bash
# The whole suite on both backends, on a developer's machine: starts a throwaway
# PostgreSQL server (scripts/pg-server.sh), runs `cargo test --locked` with
# CLAIMTRACK_TEST_PG pointing at it, and stops it however the tests end. Plain
# `cargo test` runs the SQLite suite alone.
#
# Usage: scripts/test-postgres.sh [CARGO TEST ARGUMENTS]   e.g. --test postgres
# Needs PostgreSQL's server binaries (Debian: apt-get install postgresql).
set -euo pipefail
cd "$(dirname "$0")/.."

server_env=$(scripts/pg-server.sh start)
eval "$server_env"
trap 'scripts/pg-server.sh stop "$CLAIMTRACK_PG_DIR"' EXIT
cargo test --locked "$@"
